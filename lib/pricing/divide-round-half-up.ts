/**
 * `numerator / denominator` rounded half up, for non-negative safe integers, computed with integer operations
 * only so that no floating-point error can move a cent (`Math.round(a / b)` can, once `a / b` is inexact).
 */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  assertNonNegativeSafeInteger(numerator, "numerator");
  assertNonNegativeSafeInteger(denominator, "denominator");
  if (denominator === 0) throw new RangeError("denominator must not be 0");
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  // `2 * remainder >= denominator` without doubling, which could leave the safe-integer range.
  return remainder >= denominator - remainder ? quotient + 1 : quotient;
}

/** Throws unless `value` is an integer in [0, 2^53 - 1]; money and minute products must stay exact. */
export function assertNonNegativeSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${String(value)}`);
  }
}
