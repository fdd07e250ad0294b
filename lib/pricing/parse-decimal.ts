/** An exact non-negative decimal: `units / 10 ** scale` ("1.50" → { units: 150, scale: 2 }). */
export type Decimal = { units: number; scale: number };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal written in plain notation, as Postgres `numeric` arrives ("1.50") or as a
 * number (1.5), into integers, so multiplying money by it never goes through floating point.
 * Anything else (negative, exponent notation, NaN, empty) is a bug in the caller and throws.
 */
export function parseDecimal(value: string | number, what = "value"): Decimal {
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match)
    throw new RangeError(`${what} must be a non-negative decimal such as "1.50", got ${JSON.stringify(value)}`);
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  const units = Number(match[1] + fraction);
  if (!Number.isSafeInteger(units)) throw new RangeError(`${what} has too many digits: ${JSON.stringify(value)}`);
  return { units, scale: fraction.length };
}
