/**
 * Money, once for every domain: an integer amount in the currency's minor unit (cents for USD, whole yen for JPY)
 * plus a currency code. Amounts become decimals only here: parsed from what people and API clients type, and
 * formatted for what they read, always with the currency's own number of decimals.
 */

/**
 * How many decimals a currency's minor unit has (USD 2, JPY 0, KRW 0, KWD 3), as Intl knows it (ISO 4217). The one
 * home of this rule: every parse, format, input step and rounding of money asks here (it was once written twice, and
 * JPY amounts were shown a hundred times too small).
 */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The currencies a studio can price in (ISO 4217), in the order the settings offer them. */
export const STUDIO_CURRENCIES = [
  "USD",
  "CNY",
  "EUR",
  "GBP",
  "JPY",
  "HKD",
  "SGD",
  "CAD",
  "AUD",
  "KRW",
  "TWD",
  "CHF",
  "INR",
  "THB",
  "MYR",
  "PHP",
  "VND",
  "AED",
  "MXN",
  "BRL",
  "NZD",
] as const;

/** "CNY" → "CNY – Chinese Yuan (CN¥)", for a currency picker. */
export function currencyLabel(currency: string): string {
  const name = new Intl.DisplayNames("en", { type: "currency" }).of(currency) ?? currency;
  const symbol = new Intl.NumberFormat("en-US", { style: "currency", currency })
    .formatToParts(0)
    .find((p) => p.type === "currency")?.value;
  return symbol && symbol !== currency ? `${currency} – ${name} (${symbol})` : `${currency} – ${name}`;
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

/**
 * An amount in major units as a zod schema gives it (a JSON number, or the decimal a form sent) → integer minor
 * units of the currency, or why not. A number goes through its shortest decimal form (19.99 → "19.99" → 1999), so
 * float drift never reaches a stored amount; more decimals than the currency has are refused (¥500.5), not rounded.
 */
export function toMinorUnits(
  amount: number | string,
  currency: string,
): { ok: true; minor: number } | { ok: false; message: string } {
  const minor = parseMoney(
    typeof amount === "number" ? (Number.isFinite(amount) ? String(amount) : "") : amount,
    currency,
  );
  if (minor !== null) return { ok: true, minor };
  const digits = currencyDigits(currency);
  return {
    ok: false,
    message:
      digits === 0
        ? `${currency} has no decimals: enter a whole amount like ${moneyExample(currency)}`
        : `Use at most ${digits} decimals in ${currency}, like ${moneyExample(currency)}`,
  };
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

/** The smallest step of an amount input in a currency ("0.01", or "1" for JPY), for `<input step>`. */
export const moneyStep = (currency: string) =>
  currencyDigits(currency) === 0 ? "1" : `0.${"1".padStart(currencyDigits(currency), "0")}`;

/** Minor units as people read them: 1250 USD → "$12.50", 500 JPY → "¥500". */
export function formatMoney(minor: number, currency: string, locale = "en-US") {
  const digits = currencyDigits(currency);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(minor / 10 ** digits);
}

/** A change of price as people say it: +12000 JPY → "¥120 more", -6000 → "¥60 less", 0 → "Same price". */
export function formatMoneyChange(differenceMinor: number, currency: string, locale = "en-US") {
  if (differenceMinor === 0) return "Same price";
  return `${formatMoney(Math.abs(differenceMinor), currency, locale)} ${differenceMinor > 0 ? "more" : "less"}`;
}
