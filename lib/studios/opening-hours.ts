import type { OpeningHours } from "@/db/schema";

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
/** Monday first, as people read a week. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
export const MAX_RANGES_PER_DAY = 4;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A range as minutes from its weekday's midnight: [start, end), end past 1440 when it runs into the next day. */
function span(range: { opens: string; closes: string }) {
  const start = minuteOf(range.opens);
  const close = minuteOf(range.closes);
  return { start, end: close > start ? close : close + 1440 };
}

/** "09:00–02:00 (next day)"; the same time twice is how a round-the-clock day is stored: "open 24 hours". */
export function rangeLabel(range: { opens: string; closes: string }) {
  if (range.opens === range.closes) return "open 24 hours";
  return `${range.opens}–${range.closes}${range.closes < range.opens ? " (next day)" : ""}`;
}

/** One day of a week's hours as a person reads it: "Thu 09:00–02:00 (next day)", "Fri open 24 hours". */
export function dayHoursLabel(range: { weekday: number; opens: string; closes: string }) {
  return `${WEEKDAYS[range.weekday].slice(0, 3)} ${rangeLabel(range)}`;
}

/**
 * What is wrong with a week of opening hours, one message per problem, naming the day. A range may pass midnight
 * and opens == closes is 24 hours, so the only mistakes are malformed times, too many ranges in a day and ranges
 * of the same day that overlap. A range running past midnight into the next day's first range is fine: the
 * availability engine merges them (the demo's Thursday 09:00–02:00 runs into Friday's 24 hours).
 */
export function openingHoursProblems(hours: OpeningHours): string[] {
  const problems: string[] = [];
  for (const weekday of WEEK_ORDER) {
    const day = WEEKDAYS[weekday];
    const ranges = hours.filter((h) => h.weekday === weekday);
    if (ranges.some((r) => !TIME.test(r.opens) || !TIME.test(r.closes))) {
      problems.push(`${day}: enter both times of each range as HH:MM.`);
      continue;
    }
    if (ranges.length > MAX_RANGES_PER_DAY) problems.push(`${day}: use at most ${MAX_RANGES_PER_DAY} ranges.`);
    const spans = ranges.map(span).sort((a, b) => a.start - b.start);
    if (spans.some((s, i) => i > 0 && s.start < spans[i - 1].end)) problems.push(`${day}: the ranges overlap.`);
  }
  return problems;
}

/** Where a weekday (0 = Sunday) comes in a Monday-first week: Monday 0 … Sunday 6. */
export const weekRank = (weekday: number) => (weekday + 6) % 7;

/** Monday to Sunday, each day's ranges by opening time. */
export function sortOpeningHours(hours: OpeningHours): OpeningHours {
  return [...hours].sort((a, b) => weekRank(a.weekday) - weekRank(b.weekday) || a.opens.localeCompare(b.opens));
}
