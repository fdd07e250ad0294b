// Formatting money is part of the money kernel (lib/money.ts); the UI has always imported it from here.
export { formatMoney } from "./money";
