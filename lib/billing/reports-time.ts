import { DAY_MS, parseLocalDate } from "../availability/local-date";
import { zoneClock } from "../availability/zone-clock";

/** Instants in epoch milliseconds, half-open: [start, end). */
export type Span = { start: number; end: number };

/** One calendar month of a studio, as the instants of its first local midnight and the next month's. */
export type MonthBound = Span & { month: string };

export const nextMonth = (month: string) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** The epoch day of the 1st of a "YYYY-MM" month. */
export const firstDayOf = (month: string) => parseLocalDate(`${month}-01`) as number;

/**
 * Where each month starts and ends in a time zone. A month begins at local midnight on the 1st (read like the
 * availability engine reads wall-clock times, so a zone that changes its clocks at midnight still gets an instant),
 * which makes a charge at 00:05 on 1 November in Shanghai a November charge although it is still 31 October in UTC.
 * A zone the runtime does not know is read as UTC rather than dropping the studio from the report.
 */
export function monthBounds(timeZone: string, months: string[]): MonthBound[] {
  if (months.length === 0) return [];
  const first = firstDayOf(months[0]) * DAY_MS;
  const last = firstDayOf(nextMonth(months[months.length - 1])) * DAY_MS;
  const clock = zoneClock(timeZone, first, last) ?? zoneClock("UTC", first, last);
  const at = (wallMs: number) => (clock ? clock.instantAt(wallMs) : wallMs);
  return months.map((month) => ({
    month,
    start: at(firstDayOf(month) * DAY_MS),
    end: at(firstDayOf(nextMonth(month)) * DAY_MS),
  }));
}

/** Sorted, with touching or overlapping spans joined: an instant is counted once however many spans cover it. */
export function unionSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** The parts of `a` that are also in `b`; both must be unions (sorted, disjoint). */
export function intersectSpans(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (end > start) out.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

/** Whole minutes of a union of spans that fall inside `within`. */
export function minutesWithin(spans: Span[], within: Span): number {
  let ms = 0;
  for (const s of spans) ms += Math.max(0, Math.min(s.end, within.end) - Math.max(s.start, within.start));
  return Math.round(ms / 60_000);
}
