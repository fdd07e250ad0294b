import { getEnv } from "./env";

/**
 * The product's "now": the one place where real time enters. Pages, actions, route handlers and the job loop call
 * it and pass the instant into lib/ (where time is always an input). `LIVEBASE_CLOCK_OFFSET_MS` moves it by a fixed
 * amount, for tests that run the whole app at a chosen instant (e.g. 19:30 in Los Angeles, or across a DST
 * change): the clock still runs, so jobs and deadlines behave as they would at that hour.
 */
export function appNow(): Date {
  return new Date(Date.now() + getEnv().LIVEBASE_CLOCK_OFFSET_MS);
}
