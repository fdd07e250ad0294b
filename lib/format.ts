/**
 * Money is an integer amount in the currency's minor unit (cents) plus a currency code; formatting is the only
 * place it becomes a decimal (JPY has no minor unit, so 500 means ¥500).
 */
export function formatMoney(minor: number, currency: string, locale = "en-US") {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
