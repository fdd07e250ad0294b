/**
 * What a platform fee rate may be, once for PLATFORM_FEE_PERCENT (lib/env.ts) and `npm run platform-fee`
 * (platform-fees.ts): a percent between 0 and 100 with at most two decimals, kept as basis points (250 = 2.5 %).
 * No imports, so the environment's schema can use it.
 */
export function isFeePercent(percent: number): boolean {
  return (
    Number.isFinite(percent) &&
    percent >= 0 &&
    percent <= 100 &&
    Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9
  );
}

export const FEE_PERCENT_RULE = "a percent between 0 and 100, with at most two decimals (e.g. 5 or 2.5)";

/** A percent (up to two decimals) as basis points. */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}
