import { describe, expect, it } from "vitest";
import { checkSlot } from "./check-slot";
import { listFreeSlots } from "./list-free-slots";
import { listTakenSlots } from "./list-taken-slots";
import { LA, at, everyDay, minutes, plus, wall } from "./test-fixtures";
import type { AvailabilityInput, Interval } from "./types";

/**
 * A slot is "taken" (shown with Join the waitlist) exactly when checkSlot refuses it for overlap with all busy
 * time, and accepts it once the bookings are gone (only the maintenance blocks left): every other rule passes and
 * only a booking stands in the way. Checked on every quarter hour of a week with a fall-back day.
 */
describe("listTakenSlots", () => {
  const bookings: Interval[] = [
    { start: at("2026-10-29 13:00", LA), end: at("2026-10-29 14:15", LA) },
    { start: at("2026-10-30 23:30", LA), end: at("2026-10-31 01:15", LA) },
    { start: new Date("2026-11-01T01:30:00-07:00"), end: new Date("2026-11-01T01:15:00-08:00") }, // the repeated hour
    { start: at("2026-11-03 12:00", LA), end: at("2026-11-03 14:00", LA) }, // on a closed day: nothing to wait for
    { start: at("2026-11-04 09:00", LA), end: at("2026-11-04 10:00", LA) },
  ];
  const blocks: Interval[] = [{ start: at("2026-11-02 10:00", LA), end: at("2026-11-02 12:00", LA) }];
  const studio: AvailabilityInput = {
    timeZone: LA,
    openingHours: [
      ...everyDay("09:00", "02:00").filter((h) => h.weekday !== 0),
      { weekday: 0, opens: "00:00", closes: "00:00" },
    ],
    closures: [{ startsOn: "2026-11-03", endsOn: "2026-11-03" }],
    room: { stepMinutes: 30, minMinutes: 60, maxMinutes: 240, bufferMinutes: 15 },
    policy: { minNoticeMinutes: 90, bookingWindowDays: 6 },
    busy: blocks,
    now: at("2026-10-29 10:07", LA),
  };
  // A booking overlapping the maintenance block: its slots stay unavailable, not "taken".
  const overBlock: Interval = { start: at("2026-11-02 11:00", LA), end: at("2026-11-02 13:00", LA) };

  it("lists exactly the candidate slots that only a booking or hold blocks", () => {
    const from = "2026-10-29";
    const to = "2026-11-04";
    const taken = [...bookings, overBlock];
    const seen = new Map<string, number>();
    for (const durationMinutes of [60, 120, 240]) {
      const listed = new Set(
        listTakenSlots({ ...studio, taken, from, to, durationMinutes }).map((s) => s.start.getTime()),
      );
      const free = new Set(
        listFreeSlots({ ...studio, busy: [...blocks, ...taken], from, to, durationMinutes }).map((s) =>
          s.start.getTime(),
        ),
      );
      const expected = new Set<number>();
      for (
        let t = Date.parse(`${from}T00:00:00Z`) - minutes(24 * 60);
        t < Date.parse(`${to}T00:00:00Z`) + minutes(48 * 60);
        t += minutes(15)
      ) {
        const start = new Date(t);
        const date = wall(start, LA).slice(0, 10);
        if (date < from || date > to) continue;
        const end = plus(start, minutes(durationMinutes));
        const withAll = checkSlot({ ...studio, busy: [...blocks, ...taken], start, end });
        const withoutBookings = checkSlot({ ...studio, start, end });
        const kind = withAll.ok
          ? "free"
          : withAll.rule === "overlap" && withoutBookings.ok
            ? "taken"
            : withAll.rule === "overlap"
              ? "blocked"
              : withAll.rule;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
        if (kind === "taken") expected.add(t);
      }
      expect([...listed].sort().map((t) => wall(t, LA))).toEqual([...expected].sort().map((t) => wall(t, LA)));
      // Never both free and taken.
      expect([...listed].filter((t) => free.has(t))).toEqual([]);
    }
    // The week exercises every way a slot can be refused, so "taken" is told apart from each of them.
    expect([...seen.keys()].sort()).toEqual(
      ["blocked", "closed", "free", "notice", "opening_hours", "step", "taken", "window"].sort(),
    );
  });

  it("for a 2-hour session around a Wednesday booking that keeps the room until 10:00 (its turnover included), offers the starts it blocks", () => {
    const taken = listTakenSlots({
      ...studio,
      taken: bookings,
      from: "2026-11-04",
      to: "2026-11-04",
      durationMinutes: 120,
    });
    // 09:00 opens the day; a start before 10:00 overlaps the booking, 10:00 itself is free.
    expect(taken.map((s) => `${wall(s.start, LA)}–${wall(s.end, LA).slice(11)}`)).toEqual([
      "2026-11-04 09:00–11:00",
      "2026-11-04 09:30–11:30",
    ]);
  });

  it("lists nothing when nothing is booked", () => {
    expect(listTakenSlots({ ...studio, taken: [], from: "2026-10-29", to: "2026-11-04", durationMinutes: 60 })).toEqual(
      [],
    );
  });
});
