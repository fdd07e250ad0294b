import { assertNonNegativeSafeInteger, divideRoundHalfUp } from "./divide-round-half-up";

/**
 * Rounds a list of exact amounts `numerators[i] / denominator` to integers whose SUM is the exact total rounded
 * once (half up), never a cent away from it.
 *
 * Cumulative rounding: item i gets round(Σ₀..ᵢ) − round(Σ₀..ᵢ₋₁). Each item is then off from its own exact value
 * by less than one unit, the running sums telescope to round(total), and the result depends only on the order of
 * the items (chronological for room time), so the same booking always gets the same lines.
 */
export function roundCumulatively(numerators: readonly number[], denominator: number): number[] {
  let cumulative = 0;
  let roundedSoFar = 0;
  return numerators.map((numerator, index) => {
    assertNonNegativeSafeInteger(numerator, `numerators[${index}]`);
    cumulative += numerator;
    assertNonNegativeSafeInteger(cumulative, "the running total");
    const rounded = divideRoundHalfUp(cumulative, denominator);
    const amount = rounded - roundedSoFar;
    roundedSoFar = rounded;
    return amount;
  });
}
