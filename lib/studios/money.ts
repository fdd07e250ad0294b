/** How many decimals a currency's minor unit has (USD 2, JPY 0), as Intl knows it. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The largest amount a form may set (per hour or per add-on), in major units: keeps cents inside an int4 column. */
export const MAX_MAJOR_AMOUNT = 1_000_000;

/**
 * A decimal typed in a form ("65", "65.5", "1,250.00") → integer minor units of the currency, or null when it is
 * not a plain non-negative amount with at most the currency's decimals. Never goes through floating point.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const cleaned = text.trim().replace(/,/g, "");
  const match = /^(\d{1,7})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return minor <= MAX_MAJOR_AMOUNT * 10 ** digits ? minor : null;
}

/** Minor units → the decimal a form shows ("6500" USD → "65.00"), the inverse of parseMoney. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** An example amount for a currency's error messages and placeholders ("65.00", or "6500" for JPY). */
export const moneyExample = (currency: string) => (currencyDigits(currency) === 0 ? "6500" : "65.00");
