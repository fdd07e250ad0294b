import { describe, expect, it } from "vitest";
import { overtimeCharges } from "../billing/session-charges";
import { DEFAULT_POLICIES } from "../policies/policies";
import { noShowDueAt, overrunOf, overtimeTerms } from "./rules";

const endsAt = new Date("2026-12-03T05:00:00Z"); // 21:00 in Los Angeles
const after = (minutes: number) => new Date(endsAt.getTime() + minutes * 60_000);
const session = { id: "b1", code: "ABC-DEF", status: "checked_in", endsAt };
// $50 an hour, the default policies: 5 minutes' grace, then 150 % per started 15 minutes ($18.75 a block).
const terms = overtimeTerms({ hourlyRateCents: 5000 }, DEFAULT_POLICIES, "USD");

describe("an overrun", () => {
  it("is a session still checked in a minute or more after its end", () => {
    expect(overrunOf(session, terms, after(0))).toBeNull();
    expect(overrunOf(session, terms, after(0.9))).toBeNull();
    expect(overrunOf(session, terms, after(1))).toMatchObject({ minutes: 1 });
    expect(overrunOf({ ...session, status: "completed" }, terms, after(30))).toBeNull();
    expect(overrunOf({ ...session, status: "confirmed" }, terms, after(30))).toBeNull();
  });

  it("accrues no overtime within the grace period, then one block per started 15 minutes", () => {
    expect(overrunOf(session, terms, after(5))).toEqual({ minutes: 5, blocks: 0, overtimeCents: 0, currency: "USD" });
    expect(overrunOf(session, terms, after(6))).toEqual({
      minutes: 6,
      blocks: 1,
      overtimeCents: 1875,
      currency: "USD",
    });
    expect(overrunOf(session, terms, after(35))).toEqual({
      minutes: 35,
      blocks: 3,
      overtimeCents: 5625,
      currency: "USD",
    });
    expect(overrunOf(session, terms, after(45.5))).toEqual({
      minutes: 45,
      blocks: 4,
      overtimeCents: 7500,
      currency: "USD",
    });
  });

  it("says exactly what a check-out at that moment would charge", () => {
    const custom = overtimeTerms(
      { hourlyRateCents: 7333 },
      { overtimeGraceMinutes: 0, overtimeRatePercent: 200 },
      "JPY",
    );
    for (const minutes of [1, 14, 15, 16, 59, 61, 125]) {
      const charged = overtimeCharges({ bookingId: "b1", code: "ABC-DEF", endsAt, endedAt: after(minutes), ...custom });
      expect(overrunOf(session, custom, after(minutes))).toMatchObject({
        blocks: charged.length,
        overtimeCents: charged.reduce((n, c) => n + c.amountCents, 0),
        currency: "JPY",
      });
    }
  });
});

describe("when a session nobody checked in to is due as a no-show", () => {
  const startsAt = new Date("2026-12-03T05:15:00Z");
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000);
  const free = { occupiedBy: null, freedAt: null };

  it("is the grace period after its start when the room was free", () => {
    expect(noShowDueAt({ startsAt }, 15, free)).toEqual(at(15));
    // A session before it that left in time changes nothing.
    expect(noShowDueAt({ startsAt }, 15, { occupiedBy: null, freedAt: at(-20) })).toEqual(at(15));
  });

  it("is never while an earlier session is still checked in to the room", () => {
    expect(
      noShowDueAt({ startsAt }, 15, {
        occupiedBy: { id: "b0", code: "XYZ-XYZ", endsAt: at(-15), creatorName: "Chloe" },
        freedAt: null,
      }),
    ).toBeNull();
  });

  it("is the grace period after the overrun before it was checked out", () => {
    expect(noShowDueAt({ startsAt }, 15, { occupiedBy: null, freedAt: at(25) })).toEqual(at(40));
    expect(noShowDueAt({ startsAt }, 0, { occupiedBy: null, freedAt: at(25) })).toEqual(at(25));
  });
});
