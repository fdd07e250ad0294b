// Money lives once, in lib/money.ts; the setup forms have always imported it from here.
export { currencyDigits, MAX_MAJOR_AMOUNT, minorToDecimal, moneyExample, parseMoney } from "../money";
