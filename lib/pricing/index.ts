/** The pricing engine: pure functions of their inputs (no database, no clock, no environment). */
export { cancellationFee, type CancellationFee } from "./cancellation-fee";
export { quotePrice, type QuotePriceInput } from "./quote-price";
export { taxLabel, taxOf, taxOnNet, taxSettingsOf, taxSettingsOfQuote, type TaxSettings } from "./tax";
export type { AddOnPrice, PeakRule, Quote, QuoteLine, QuoteTax } from "./types";
