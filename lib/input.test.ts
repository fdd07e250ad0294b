import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isSaneDate, isSaneInstant, isoDate, isoInstant, NUL_MESSAGE, str, YEAR_RANGE_MESSAGE } from "./input";
import { createBookingSchema, seriesSchema, waitlistJoinSchema } from "./bookings/schemas";
import { createShipmentSchema, shipmentListQuerySchema } from "./samples/schemas";
import { reserveUnitSchema } from "./storage/schemas";
import { closureSchema, roomBlockSchema } from "./studios/schemas";
import { profileSchema } from "./auth/schemas";
import { isIsoDate } from "./bookings/week";
import { isNight } from "./storage/nights";

const ROOM = "7a1c8f1e-2b3c-4d5e-8f90-1a2b3c4d5e6f";
const messagesAt = (r: z.ZodSafeParseResult<unknown>, field: string) =>
  r.success ? [] : r.error.issues.filter((i) => i.path.join(".") === field).map((i) => i.message);

describe("str(): text a client sends never carries a NUL character to Postgres", () => {
  it("refuses \\u0000 anywhere with a field message, and still chains like z.string()", () => {
    const name = str().trim().min(1).max(10);
    expect(name.safeParse(" ab ").data).toBe("ab");
    for (const bad of ["\u0000", "a\u0000b", "ab\u0000"])
      expect(name.safeParse(bad).error?.issues[0].message).toBe(NUL_MESSAGE);
    expect(name.safeParse("x".repeat(11)).success).toBe(false);
  });

  it("is what the schemas behind the API, the forms and the query strings use", () => {
    expect(
      messagesAt(
        createShipmentSchema.safeParse({
          studioId: ROOM,
          notes: "fragile\u0000",
          items: [{ sku: "A", name: "A", quantity: 1 }],
        }),
        "notes",
      ),
    ).toEqual([NUL_MESSAGE]);
    expect(
      messagesAt(
        createShipmentSchema.safeParse({ studioId: ROOM, items: [{ sku: "A", name: "Ser\u0000um", quantity: 1 }] }),
        "items.0.name",
      ),
    ).toEqual([NUL_MESSAGE]);
    expect(messagesAt(shipmentListQuerySchema.safeParse({ q: "a\u0000b" }), "q")).toEqual([NUL_MESSAGE]);
    const slot = { roomId: ROOM, startsAt: "2026-12-20T19:00:00-08:00", endsAt: "2026-12-20T21:00:00-08:00" };
    expect(messagesAt(createBookingSchema.safeParse({ ...slot, notes: "\u0000", hold: true }), "notes")).toEqual([
      NUL_MESSAGE,
    ]);
    expect(messagesAt(profileSchema.safeParse({ name: "Mei\u0000" }), "name")).toEqual([NUL_MESSAGE]);
    expect(
      messagesAt(
        roomBlockSchema.safeParse({
          roomId: ROOM,
          startsAt: "2026-12-20T10:00",
          endsAt: "2026-12-20T12:00",
          reason: "paint\u0000",
        }),
        "reason",
      ),
    ).toEqual([NUL_MESSAGE]);
  });
});

describe("dates and instants a client sends: real, and between 2000 and 2100", () => {
  it("accepts the whole range and nothing outside it", () => {
    for (const ok of ["2000-01-01", "2026-02-28", "2028-02-29", "2100-12-31"]) expect(isSaneDate(ok)).toBe(true);
    for (const bad of [
      "1999-12-31",
      "2101-01-01",
      "9999-12-31",
      "0000-01-01",
      "2026-02-30",
      "2026-13-01",
      "2026-00-10",
      "2026-1-01",
      "+010000-01-01",
      "",
      20261201,
    ])
      expect(isSaneDate(bad)).toBe(false);
    expect(isSaneInstant(new Date("2000-01-01T00:00:00Z"))).toBe(true);
    expect(isSaneInstant(new Date("2100-12-31T23:59:59Z"))).toBe(true);
    expect(isSaneInstant(new Date("1999-12-31T23:59:59Z"))).toBe(false);
    expect(isSaneInstant(new Date("2101-01-01T00:00:00Z"))).toBe(false);
    expect(isSaneInstant(new Date(NaN))).toBe(false);
  });

  it("answers a field message for 9999, year 0 and an impossible day, in every schema that takes one", () => {
    expect(isoDate().safeParse("9999-12-31").error?.issues[0].message).toBe(YEAR_RANGE_MESSAGE);
    expect(isoDate().safeParse("2026-02-30").success).toBe(false);
    expect(isoInstant("bad").safeParse("9999-12-31T23:00:00Z").error?.issues[0].message).toBe(YEAR_RANGE_MESSAGE);
    expect(isoInstant("bad").safeParse("0000-01-01T00:00:00Z").error?.issues[0].message).toBe(YEAR_RANGE_MESSAGE);
    expect(isoInstant("bad").safeParse("2026-12-01T19:00:00-08:00").data).toEqual(new Date("2026-12-02T03:00:00Z"));

    const slot = { roomId: ROOM, startsAt: "2026-12-20T19:00:00-08:00", endsAt: "9999-12-31T23:00:00Z" };
    expect(messagesAt(createBookingSchema.safeParse(slot), "endsAt")).toEqual([YEAR_RANGE_MESSAGE]);
    expect(
      messagesAt(
        createBookingSchema.safeParse({ ...slot, startsAt: "0000-01-01T00:00:00Z", endsAt: "2026-12-20T21:00:00Z" }),
        "startsAt",
      ),
    ).toEqual([YEAR_RANGE_MESSAGE]);
    expect(messagesAt(waitlistJoinSchema.safeParse(slot), "endsAt")).toEqual([YEAR_RANGE_MESSAGE]);
    const series = {
      roomId: ROOM,
      weekdays: [1],
      startTime: "19:00",
      durationMinutes: 60,
      weeks: 1,
      firstDate: "9999-12-01",
    };
    expect(messagesAt(seriesSchema.safeParse(series), "firstDate")).toEqual([YEAR_RANGE_MESSAGE]);
    expect(
      messagesAt(
        roomBlockSchema.safeParse({
          roomId: ROOM,
          startsAt: "9999-12-30T10:00",
          endsAt: "9999-12-31T12:00",
          reason: "x",
        }),
        "startsAt",
      ),
    ).toEqual([YEAR_RANGE_MESSAGE]);
    expect(
      messagesAt(
        reserveUnitSchema.safeParse({ unitId: ROOM, firstNight: "9999-12-01", lastNight: "9999-12-02" }),
        "firstNight",
      ),
    ).toEqual([YEAR_RANGE_MESSAGE]);
    expect(
      messagesAt(closureSchema.safeParse({ studioId: ROOM, startsOn: "9999-12-01", reason: "x" }), "startsOn"),
    ).toEqual([YEAR_RANGE_MESSAGE]);
    expect(
      messagesAt(
        createShipmentSchema.safeParse({
          studioId: ROOM,
          expectedOn: "9999-12-31",
          items: [{ sku: "A", name: "A", quantity: 1 }],
        }),
        "expectedOn",
      ),
    ).toEqual([YEAR_RANGE_MESSAGE]);
  });

  it("is the same rule the pages use for ?date= (run sheet, week, storage board)", () => {
    for (const v of ["9999-12-31", "2026-02-30", "0001-01-01"]) {
      expect(isIsoDate(v)).toBe(false);
      expect(isNight(v)).toBe(false);
    }
    expect(isIsoDate("2026-12-07") && isNight("2026-12-07")).toBe(true);
  });
});
