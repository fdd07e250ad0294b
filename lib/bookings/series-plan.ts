import type { Tx } from "@/db/client";
import type { Interval, SlotRule } from "../availability";
import {
  DAY_MS,
  MINUTE_MS,
  formatLocalDate,
  parseClockTime,
  parseLocalDate,
  weekdayOf,
} from "../availability/local-date";
import { zoneClock } from "../availability/zone-clock";
import { canBookInStudio, type Actor } from "../auth/permissions";
import { getPolicies } from "../policies/policies";
import { fail, ok, type Fail, type Result } from "../result";
import { quotePrice, taxSettingsOf, type Quote } from "../pricing";
import { checkRules, policiesFor, resolveCreator, type BookingError } from "./create-booking";
import { loadRoomContext, type RoomContext } from "./room-context";
import type { SeriesInput } from "./schemas";
import { turnoverMs } from "../availability";
import type { OccurrenceJson } from "./response-schemas";

export type SeriesPattern = Pick<SeriesInput, "weekdays" | "startTime" | "durationMinutes" | "weeks" | "firstDate">;

type Conflict = { startsAt: string; endsAt: string };
export type Occurrence = { date: string; startsAt: Date; endsAt: Date } & (
  | { ok: true; quote: Quote }
  | { ok: false; error: "rule" | "slot_taken"; rule?: SlotRule; message: string; conflict?: Conflict }
);

/**
 * The dates of a weekly pattern: every local date of the `weeks` weeks from `firstDate` (inclusive) whose weekday
 * is chosen, at `startTime` on the studio's wall clock. The start is found per date, so 19:00 stays 19:00 across a
 * DST change; a start inside a spring-forward gap lands after it (zoneClock's "compatible" reading). A session
 * lasts `durationMinutes` of real time. Null when the date or time is not real.
 */
export function seriesOccurrences(pattern: SeriesPattern, timeZone: string) {
  const first = parseLocalDate(pattern.firstDate);
  const minutes = parseClockTime(pattern.startTime);
  if (first === null || minutes === null) return null;
  const last = first + 7 * pattern.weeks;
  const clock = zoneClock(timeZone, first * DAY_MS - DAY_MS, last * DAY_MS + DAY_MS);
  if (!clock) return null;
  const out: { date: string; startsAt: Date; endsAt: Date }[] = [];
  for (let day = first; day < last; day++) {
    if (!pattern.weekdays.includes(weekdayOf(day))) continue;
    const start = clock.instantAt(day * DAY_MS + minutes * MINUTE_MS);
    out.push({
      date: formatLocalDate(day),
      startsAt: new Date(start),
      endsAt: new Date(start + pattern.durationMinutes * MINUTE_MS),
    });
  }
  return out;
}

export type SeriesPlan = {
  ctx: RoomContext;
  creatorId: string;
  occurrences: Occurrence[];
  currency: string;
  totalCents: number;
};

/**
 * What a series is, as one string: the room, the creator and the pattern. A check of the dates answers with it and
 * the confirmation carries it back, so what is booked is exactly what was checked (a changed field is refused).
 */
export function seriesPatternKey(
  input: Pick<
    SeriesInput,
    "roomId" | "creatorId" | "weekdays" | "startTime" | "durationMinutes" | "weeks" | "firstDate"
  >,
) {
  return JSON.stringify([
    input.roomId,
    input.creatorId ?? null,
    [...new Set(input.weekdays)].sort(),
    input.startTime,
    input.durationMinutes,
    input.weeks,
    input.firstDate,
  ]);
}

/**
 * Checks every date of a series with the same rules as a single booking (checkSlot over the room context).
 * Dates already accepted count as busy for the later ones, so a pattern never collides with itself. With `lock`,
 * the room row is locked and stale holds expire first, exactly as createBooking does before it inserts.
 */
export async function planSeries(
  tx: Tx,
  actor: Actor,
  input: SeriesInput,
  now: Date,
  opts: { lock: boolean },
): Promise<Result<SeriesPlan, BookingError> | Fail<BookingError>> {
  // The local dates become instants only once the room's zone is known; two days either side covers every zone.
  const firstMs = Date.parse(`${input.firstDate}T00:00:00Z`);
  const ctx = await loadRoomContext(tx, {
    workspaceId: actor.workspaceId,
    roomId: input.roomId,
    from: new Date(firstMs - 2 * DAY_MS),
    to: new Date(firstMs + (7 * input.weeks + 3) * DAY_MS),
    lock: opts.lock,
    expireHoldsAt: opts.lock ? now : undefined,
  });
  if (!ctx) return fail("not_found", { message: "There is no such room." });
  if (!canBookInStudio(actor, ctx.studio.id)) {
    return fail("forbidden", { message: "You do not work in this room's studio." });
  }
  if (!ctx.room.active) return fail("room_inactive", { message: "This room is not open for booking." });
  const creator = await resolveCreator(tx, actor, input.creatorId);
  if (!creator.ok) return creator;
  const dates = seriesOccurrences(input, ctx.studio.timeZone);
  if (!dates) return fail("invalid", { fieldErrors: { firstDate: ["Choose a real date."] } });

  const policies = policiesFor(actor, ctx.studio.id, await getPolicies(tx, actor.workspaceId));
  const { currency } = ctx.studio;
  const bufferMs = turnoverMs(ctx.room.bufferMinutes);
  const busy: Interval[] = [...ctx.busy];
  const occurrences = dates.map((d): Occurrence => {
    const check = checkRules({ ...ctx, busy }, policies, d.startsAt, d.endsAt, now);
    if (check.ok) {
      busy.push({ start: d.startsAt, end: new Date(d.endsAt.getTime() + bufferMs) });
      const quote = quotePrice({
        timeZone: ctx.studio.timeZone,
        start: d.startsAt,
        end: d.endsAt,
        roomName: ctx.room.name,
        hourlyRateCents: ctx.room.hourlyRateCents,
        currency,
        peakRules: ctx.peakRules,
        addOns: [],
        tax: taxSettingsOf(ctx.studio),
      });
      return { ...d, ok: true, quote };
    }
    if (check.rule !== "overlap") return { ...d, ok: false, error: "rule", rule: check.rule, message: check.message };
    const end = d.endsAt.getTime() + bufferMs;
    const hit = busy.find((b) => b.start.getTime() < end && b.end.getTime() > d.startsAt.getTime());
    const conflict = hit ? { startsAt: hit.start.toISOString(), endsAt: hit.end.toISOString() } : undefined;
    return { ...d, ok: false, error: "slot_taken", rule: "overlap", message: check.message, conflict };
  });
  const totalCents = occurrences.reduce((sum, o) => sum + (o.ok ? o.quote.totalCents : 0), 0);
  return ok({ ctx, creatorId: creator.value, occurrences, currency, totalCents });
}

/** An occurrence as the API and the UI show it. */
export function occurrenceJson(o: Occurrence): OccurrenceJson {
  const base = { date: o.date, startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString(), ok: o.ok };
  return o.ok
    ? { ...base, priceCents: o.quote.totalCents, currency: o.quote.currency }
    : { ...base, error: o.error, rule: o.rule, message: o.message, conflict: o.conflict };
}
