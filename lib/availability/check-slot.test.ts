import { describe, expect, it } from "vitest";
import { checkSlot } from "./check-slot";
import { LA, at, everyDay, minutes, plus, studio } from "./test-fixtures";
import type { AvailabilityInput, Interval, SlotRule } from "./types";

/** checkSlot for a local start in Los Angeles and a duration in minutes, on the default studio. */
function check(localStart: string, durationMinutes: number, overrides: Partial<AvailabilityInput> = {}) {
  const start = at(localStart, LA);
  return checkSlot({ ...studio(overrides), start, end: plus(start, minutes(durationMinutes)) });
}
const refusedBy = (rule: SlotRule) => expect.objectContaining({ ok: false, rule });
const busy = (from: string, to: string): Interval => ({ start: at(from, LA), end: at(to, LA) });

describe("checkSlot", () => {
  it("accepts a slot that passes every rule", () => {
    expect(check("2026-06-10 10:00", 120)).toEqual({ ok: true });
  });

  describe("duration", () => {
    it("accepts the minimum, the maximum and any whole number of steps between", () => {
      expect(check("2026-06-10 10:00", 60)).toEqual({ ok: true });
      expect(check("2026-06-10 10:00", 90)).toEqual({ ok: true });
      expect(check("2026-06-10 10:00", 480)).toEqual({ ok: true });
    });

    it("refuses too short, too long, off-step, empty and backwards bookings", () => {
      expect(check("2026-06-10 10:00", 30)).toEqual(refusedBy("duration"));
      expect(check("2026-06-10 10:00", 510)).toEqual(refusedBy("duration"));
      expect(check("2026-06-10 10:00", 75)).toEqual(refusedBy("duration"));
      expect(check("2026-06-10 10:00", 0)).toEqual(refusedBy("duration"));
      expect(check("2026-06-10 10:00", -60)).toEqual(refusedBy("duration"));
      const start = at("2026-06-10 10:00", LA);
      expect(checkSlot({ ...studio(), start, end: plus(start, minutes(60) + 1_000) })).toEqual(refusedBy("duration"));
    });

    it("says what the room allows", () => {
      const result = check("2026-06-10 10:00", 30);
      expect(result.ok === false && result.message).toBe(
        "A booking of this room lasts 60 to 480 minutes, in steps of 30 minutes.",
      );
    });
  });

  describe("step", () => {
    it("accepts starts on the step marks of local time and refuses the others", () => {
      expect(check("2026-06-10 10:30", 60)).toEqual({ ok: true });
      expect(check("2026-06-10 10:15", 60)).toEqual(refusedBy("step"));
      const quarterHours = { room: { stepMinutes: 15, minMinutes: 60, maxMinutes: 480, bufferMinutes: 0 } };
      expect(check("2026-06-10 10:15", 60, quarterHours)).toEqual({ ok: true });
      const hourly = { room: { stepMinutes: 60, minMinutes: 60, maxMinutes: 480, bufferMinutes: 0 } };
      expect(check("2026-06-10 10:30", 60, hourly)).toEqual(refusedBy("step"));
    });

    it("refuses a start between two minutes", () => {
      const start = plus(at("2026-06-10 10:30", LA), 30_000);
      expect(checkSlot({ ...studio(), start, end: plus(start, minutes(60)) })).toEqual(refusedBy("step"));
    });

    it("measures the step on local wall-clock time, not UTC (Kolkata is UTC+05:30)", () => {
      const kolkata = { timeZone: "Asia/Kolkata", openingHours: everyDay("00:00", "00:00") };
      const localTen = new Date("2026-06-10T10:00:00+05:30"); // 04:30 UTC
      expect(checkSlot({ ...studio(kolkata), start: localTen, end: plus(localTen, minutes(60)) })).toEqual({
        ok: true,
      });
      const hourly = { ...kolkata, room: { stepMinutes: 60, minMinutes: 60, maxMinutes: 480, bufferMinutes: 0 } };
      const utcTen = new Date("2026-06-10T10:00:00Z"); // 15:30 in Kolkata
      expect(checkSlot({ ...studio(hourly), start: utcTen, end: plus(utcTen, minutes(60)) })).toEqual(
        refusedBy("step"),
      );
    });
  });

  describe("opening hours", () => {
    it("accepts a slot from opening time and one ending at closing time", () => {
      expect(check("2026-06-10 09:00", 60)).toEqual({ ok: true });
      expect(check("2026-06-11 01:00", 60)).toEqual({ ok: true }); // Wednesday's range closes Thursday 02:00
    });

    it("accepts a slot across midnight inside a range that passes it (09:00–02:00: 23:00–01:00)", () => {
      expect(check("2026-06-10 23:00", 120)).toEqual({ ok: true });
    });

    it("refuses a slot that starts before opening or ends after closing (09:00–02:00: 01:00–03:00)", () => {
      expect(check("2026-06-10 08:30", 60)).toEqual(refusedBy("opening_hours"));
      expect(check("2026-06-11 01:00", 120)).toEqual(refusedBy("opening_hours"));
      expect(check("2026-06-11 02:00", 60)).toEqual(refusedBy("opening_hours"));
    });

    it("lets the turnover buffer run past closing time", () => {
      const longBuffer = { room: { stepMinutes: 30, minMinutes: 60, maxMinutes: 480, bufferMinutes: 60 } };
      expect(check("2026-06-11 01:00", 60, longBuffer)).toEqual({ ok: true });
    });

    it("refuses a weekday without opening hours", () => {
      const weekdaysOnly = {
        openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "09:00", closes: "17:00" })),
      };
      expect(check("2026-06-12 10:00", 60, weekdaysOnly)).toEqual({ ok: true }); // Friday
      expect(check("2026-06-13 10:00", 60, weekdaysOnly)).toEqual(refusedBy("opening_hours")); // Saturday
    });

    it("needs the whole slot inside the open hours: ranges that touch count as one, a gap does not", () => {
      const split = {
        openingHours: [
          { weekday: 3, opens: "09:00", closes: "13:00" },
          { weekday: 3, opens: "14:00", closes: "00:00" },
          { weekday: 4, opens: "00:00", closes: "02:00" },
        ],
      };
      expect(check("2026-06-10 12:00", 60, split)).toEqual({ ok: true });
      expect(check("2026-06-10 12:00", 180, split)).toEqual(refusedBy("opening_hours")); // across the lunch break
      expect(check("2026-06-10 22:00", 120, split)).toEqual({ ok: true });
      expect(check("2026-06-11 00:00", 120, split)).toEqual({ ok: true });
      expect(check("2026-06-10 23:00", 120, split)).toEqual({ ok: true }); // two touching ranges are one
    });

    it("accepts any slot inside a 24-hour day", () => {
      const allDay = { openingHours: everyDay("00:00", "00:00") };
      expect(check("2026-06-10 00:00", 480, allDay)).toEqual({ ok: true });
      expect(check("2026-06-10 16:00", 480, allDay)).toEqual({ ok: true });
      expect(check("2026-06-10 23:00", 120, allDay)).toEqual({ ok: true }); // runs on into the next open day
    });
  });

  describe("closed", () => {
    const closures = [{ startsOn: "2026-06-10", endsOn: "2026-06-11" }]; // Wednesday and Thursday

    it("refuses slots in the ranges that open on a closed date", () => {
      expect(check("2026-06-10 10:00", 60, { closures })).toEqual(refusedBy("closed"));
      expect(check("2026-06-11 23:00", 60, { closures })).toEqual(refusedBy("closed"));
      // Thursday's range runs into Friday: still Thursday's, still closed.
      expect(check("2026-06-12 00:30", 60, { closures })).toEqual(refusedBy("closed"));
      expect(check("2026-06-12 09:00", 60, { closures })).toEqual({ ok: true });
    });

    it("keeps the night before a closure usable past midnight", () => {
      expect(check("2026-06-09 23:00", 180, { closures })).toEqual({ ok: true }); // Tuesday 23:00 – Wednesday 02:00
    });

    it("names the closed date", () => {
      const result = check("2026-06-10 10:00", 60, { closures });
      expect(result.ok === false && result.message).toBe("The studio is closed on 2026-06-10.");
    });

    it("reports opening hours first when the slot is outside them anyway", () => {
      expect(check("2026-06-10 05:00", 60, { closures })).toEqual(refusedBy("opening_hours"));
    });
  });

  describe("notice", () => {
    // now is 2026-06-01 09:00 with 120 minutes' notice: the earliest start is 11:00.
    it("accepts a start exactly at now + notice and refuses one earlier", () => {
      expect(check("2026-06-01 11:00", 60)).toEqual({ ok: true });
      expect(check("2026-06-01 10:30", 60)).toEqual(refusedBy("notice"));
      expect(check("2026-05-31 12:00", 60)).toEqual(refusedBy("notice")); // in the past
    });

    it("counts notice in real minutes from an instant that is not on a step", () => {
      const now = at("2026-06-01 09:01", LA);
      expect(check("2026-06-01 11:00", 60, { now })).toEqual(refusedBy("notice"));
      expect(check("2026-06-01 11:30", 60, { now })).toEqual({ ok: true });
    });
  });

  describe("window", () => {
    it("accepts a start before now + window and refuses one at or after it", () => {
      const now = at("2026-06-01 22:00", LA); // 30 days later: 2026-07-01 22:00, excluded
      expect(check("2026-07-01 21:30", 60, { now })).toEqual({ ok: true });
      expect(check("2026-07-01 22:00", 60, { now })).toEqual(refusedBy("window"));
      expect(check("2026-08-01 10:00", 60, { now })).toEqual(refusedBy("window"));
    });

    it("counts the window in local calendar days across a clock change", () => {
      // From 2026-10-20 10:00 PDT, 30 days end at 2026-11-19 10:00 PST (30 × 24 h would end at 09:00).
      const now = at("2026-10-20 10:00", LA);
      expect(check("2026-11-19 09:30", 60, { now })).toEqual({ ok: true });
      expect(check("2026-11-19 10:00", 60, { now })).toEqual(refusedBy("window"));
    });
  });

  describe("overlap", () => {
    // Another booking 14:00–16:00 with its own 15 minutes of turnover: busy until 16:15. This room's buffer is 15.
    const booked = { busy: [busy("2026-06-10 14:00", "2026-06-10 16:15")] };

    it("accepts a slot whose buffer ends exactly when the busy time starts", () => {
      expect(check("2026-06-10 12:45", 60, { ...booked, room: { ...studio().room, stepMinutes: 15 } })).toEqual({
        ok: true,
      });
    });

    it("refuses one a minute later", () => {
      const everyMinute = { ...booked, room: { stepMinutes: 1, minMinutes: 60, maxMinutes: 480, bufferMinutes: 15 } };
      expect(check("2026-06-10 12:45", 60, everyMinute)).toEqual({ ok: true });
      expect(check("2026-06-10 12:46", 60, everyMinute)).toEqual(refusedBy("overlap"));
    });

    it("refuses a slot whose buffer would run into a busy interval that starts a minute earlier", () => {
      const earlier = {
        busy: [busy("2026-06-10 13:59", "2026-06-10 16:15")],
        room: { ...studio().room, stepMinutes: 15 },
      };
      expect(check("2026-06-10 12:45", 60, earlier)).toEqual(refusedBy("overlap"));
    });

    it("accepts a slot that starts exactly when the busy interval ends", () => {
      const untilHalfPast = { busy: [busy("2026-06-10 14:00", "2026-06-10 16:30")] };
      expect(check("2026-06-10 16:30", 60, untilHalfPast)).toEqual({ ok: true });
      expect(check("2026-06-10 16:00", 60, untilHalfPast)).toEqual(refusedBy("overlap"));
    });

    it("refuses a slot that contains or is contained by a busy interval, including a block across midnight", () => {
      expect(check("2026-06-10 13:00", 240, booked)).toEqual(refusedBy("overlap"));
      expect(check("2026-06-10 14:30", 60, booked)).toEqual(refusedBy("overlap"));
      const overnight = { busy: [busy("2026-06-10 23:30", "2026-06-11 00:30")] };
      expect(check("2026-06-11 00:00", 60, overnight)).toEqual(refusedBy("overlap"));
      expect(check("2026-06-11 00:30", 60, overnight)).toEqual({ ok: true });
    });

    it("ignores empty busy intervals", () => {
      expect(check("2026-06-10 14:00", 60, { busy: [busy("2026-06-10 14:30", "2026-06-10 14:30")] })).toEqual({
        ok: true,
      });
    });
  });

  it("reports the first failing rule in the order of SlotRule", () => {
    const closures = [{ startsOn: "2026-06-01", endsOn: "2026-06-01" }];
    const everything = { closures, busy: [busy("2026-06-01 00:00", "2026-06-02 00:00")] };
    expect(check("2026-06-01 09:15", 45, everything)).toEqual(refusedBy("duration"));
    expect(check("2026-06-01 09:15", 60, everything)).toEqual(refusedBy("step"));
    expect(check("2026-06-01 08:30", 60, everything)).toEqual(refusedBy("opening_hours"));
    expect(check("2026-06-01 09:30", 60, everything)).toEqual(refusedBy("closed"));
    expect(check("2026-06-01 09:30", 60, { busy: everything.busy })).toEqual(refusedBy("notice"));
    expect(check("2026-07-02 09:30", 60, { busy: [busy("2026-07-02 00:00", "2026-07-03 00:00")] })).toEqual(
      refusedBy("window"),
    );
  });

  it("refuses everything, without looping, when the rules themselves are invalid", () => {
    const room = studio().room;
    expect(check("2026-06-10 10:00", 60, { room: { ...room, stepMinutes: 0 } })).toEqual({
      ok: false,
      rule: "duration",
      message: "This room's booking rules are not valid.",
    });
    expect(check("2026-06-10 10:00", 60, { room: { ...room, stepMinutes: NaN } })).toEqual(refusedBy("duration"));
    expect(check("2026-06-10 10:00", 60, { room: { ...room, bufferMinutes: -15 } })).toEqual(refusedBy("duration"));
    expect(check("2026-06-10 10:00", 60, { timeZone: "Not/AZone" })).toEqual(refusedBy("step"));
    expect(check("2026-06-10 10:00", 60, { openingHours: [{ weekday: 3, opens: "9", closes: "17:00" }] })).toEqual(
      refusedBy("opening_hours"),
    );
    expect(check("2026-06-10 10:00", 60, { closures: [{ startsOn: "2026-06-20", endsOn: "2026-06-19" }] })).toEqual(
      refusedBy("closed"),
    );
    const policy = studio().policy;
    expect(check("2026-06-10 10:00", 60, { policy: { ...policy, minNoticeMinutes: -60 } })).toEqual(
      refusedBy("notice"),
    );
    expect(check("2026-06-10 10:00", 60, { policy: { ...policy, bookingWindowDays: 1.5 } })).toEqual(
      refusedBy("window"),
    );
    expect(check("2026-06-10 10:00", 60, { now: new Date(NaN) })).toEqual(refusedBy("notice"));
    const start = at("2026-06-10 10:00", LA);
    expect(checkSlot({ ...studio(), start: new Date(NaN), end: start })).toEqual(refusedBy("duration"));
  });
});
