/** The pricing engine: pure functions of their inputs (no database, no clock, no environment). */
export { cancellationFee, type CancellationFee } from "./cancellation-fee";
export { quotePrice, type QuotePriceInput } from "./quote-price";
export type { AddOnPrice, PeakRule, Quote, QuoteLine } from "./types";
