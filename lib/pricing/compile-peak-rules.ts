import { assertNonNegativeSafeInteger, divideRoundHalfUp } from "./divide-round-half-up";
import { parseDecimal } from "./parse-decimal";
import type { PeakRule } from "./types";

export const MINUTES_PER_DAY = 1440;

/** A peak rule resolved to an integer hourly rate. */
export type PricedRule = { id: string; name: string; hourlyRateCents: number };

/** What prices a local minute of a weekday, and the local minute of the same day (≤ 1440) until which it holds. */
export type PeakSlice = { rule: PricedRule | null; until: number };

export type PeakSchedule = { at(weekday: number, minuteOfDay: number): PeakSlice };

type Coverage = { rule: PricedRule; from: number; to: number };

/**
 * Turns a room's peak rules into, for each local weekday, a list of slices of the day with the rule that prices
 * each one (null = the room's base rate). A quote then costs one lookup per slice it crosses, never one per minute.
 *
 * - A rule covers [startsAt, endsAt) on its weekday; when `endsAt <= startsAt` it runs from `startsAt` to midnight
 *   and on from midnight to `endsAt` the next local day (equal times = 24 hours; "24:00" is accepted as midnight).
 * - Where rules overlap, the HIGHER hourly rate applies: a customer is never charged below any peak that covers
 *   the minute, and the result does not depend on the order of the rules. Equal rates: the smaller id, so that
 *   the same rule is named every time.
 * - A rule applies even when its rate is below the base rate (an off-peak discount is a rule too).
 */
export function compilePeakRules(rules: readonly PeakRule[], baseHourlyRateCents: number): PeakSchedule {
  assertNonNegativeSafeInteger(baseHourlyRateCents, "hourlyRateCents");
  const coverage: Coverage[][] = Array.from({ length: 7 }, () => []);
  for (const input of rules) {
    if (!Number.isInteger(input.weekday) || input.weekday < 0 || input.weekday > 6) {
      throw new RangeError(`peak rule ${input.id}: weekday must be 0..6, got ${String(input.weekday)}`);
    }
    const rule: PricedRule = {
      id: input.id,
      name: input.name,
      hourlyRateCents: ruleHourlyRate(input, baseHourlyRateCents),
    };
    const from = parseTimeOfDay(input.startsAt, `peak rule ${input.id} startsAt`);
    const to = parseTimeOfDay(input.endsAt, `peak rule ${input.id} endsAt`);
    const nextDay = (input.weekday + 1) % 7;
    if (from < to) {
      coverage[input.weekday].push({ rule, from, to });
    } else {
      if (from < MINUTES_PER_DAY) coverage[input.weekday].push({ rule, from, to: MINUTES_PER_DAY });
      if (to > 0) coverage[nextDay].push({ rule, from: 0, to });
    }
  }
  const slicesByWeekday = coverage.map(sliceDay);
  return {
    at(weekday, minuteOfDay) {
      // Slices are few (a handful per day), so a linear scan beats anything cleverer.
      const slice = slicesByWeekday[weekday].find((candidate) => minuteOfDay < candidate.until);
      if (!slice) throw new RangeError(`minute of day out of range: ${minuteOfDay}`);
      return slice;
    },
  };
}

/** Cuts one local day at every boundary of the rules covering it and keeps the winner of each piece. */
function sliceDay(covered: Coverage[]): PeakSlice[] {
  const cuts = [...new Set([...covered.flatMap((c) => [c.from, c.to]), MINUTES_PER_DAY])]
    .filter((minute) => minute > 0)
    .sort((a, b) => a - b);
  const slices: PeakSlice[] = [];
  let from = 0;
  for (const until of cuts) {
    const rule = winner(covered.filter((c) => c.from <= from && from < c.to).map((c) => c.rule));
    const previous = slices.at(-1);
    if (previous && previous.rule === rule) previous.until = until;
    else slices.push({ rule, until });
    from = until;
  }
  return slices;
}

function winner(candidates: PricedRule[]): PricedRule | null {
  let best: PricedRule | null = null;
  for (const rule of candidates) {
    if (
      !best ||
      rule.hourlyRateCents > best.hourlyRateCents ||
      (rule.hourlyRateCents === best.hourlyRateCents && rule.id < best.id)
    ) {
      best = rule;
    }
  }
  return best;
}

/** A rule's hourly rate: its own, or round-half-up(base × multiplier) in integer arithmetic. */
function ruleHourlyRate(rule: PeakRule, base: number): number {
  const hasRate = rule.rateCents !== null && rule.rateCents !== undefined;
  const hasMultiplier = rule.multiplier !== null && rule.multiplier !== undefined;
  if (hasRate === hasMultiplier) {
    throw new RangeError(`peak rule ${rule.id}: exactly one of rateCents and multiplier must be set`);
  }
  if (hasRate) {
    assertNonNegativeSafeInteger(rule.rateCents as number, `peak rule ${rule.id} rateCents`);
    return rule.rateCents as number;
  }
  const { units, scale } = parseDecimal(rule.multiplier as string | number, `peak rule ${rule.id} multiplier`);
  const product = base * units;
  assertNonNegativeSafeInteger(product, `peak rule ${rule.id} rate × multiplier`);
  return divideRoundHalfUp(product, 10 ** scale);
}

const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/**
 * "HH:MM" or "HH:MM:SS" (Postgres `time`) → minutes after local midnight. Bookings and quotes work in whole
 * minutes, so a time with seconds other than :00 is rejected rather than silently moved.
 */
export function parseTimeOfDay(value: string, what = "time"): number {
  const match = TIME_OF_DAY.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const seconds = Number(match?.[3] ?? 0);
  const fraction = Number(match?.[4] ?? 0);
  const valid =
    match !== null &&
    minutes < 60 &&
    (hours < 24 || (hours === 24 && minutes === 0)) &&
    seconds === 0 &&
    fraction === 0;
  if (!valid)
    throw new RangeError(`${what} must be a whole-minute "HH:MM" or "HH:MM:SS", got ${JSON.stringify(value)}`);
  return hours * 60 + minutes;
}
