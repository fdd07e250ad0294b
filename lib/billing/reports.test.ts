import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  bookings,
  charges,
  rooms,
  storageReservations,
  storageUnits,
  studioClosures,
  studios,
  type BookingStatus,
  type OpeningHours,
} from "@/db/schema";
import { everyDay } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { revenueReport, utilizationReport, type ChargeKind } from "./reports";

type Status = "pending" | "invoiced" | "paid" | "failed" | "void";

/**
 * A workspace with a Los Angeles studio (created first) holding rooms "Set A" and "Set B", a Shanghai studio
 * (created a day later) with "Set C" and a storage unit, and a creator who is charged.
 */
async function reportWorld(db: Db, opts: { laHours?: OpeningHours } = {}) {
  const { workspace, studio, room: setA } = await makeWorkspace(db);
  const [la] = await db
    .update(studios)
    .set({
      name: "Los Angeles",
      timeZone: "America/Los_Angeles",
      openingHours: opts.laHours ?? everyDay("09:00", "02:00"),
      createdAt: new Date("2026-01-01T00:00:00Z"),
    })
    .where(eq(studios.id, studio.id))
    .returning();
  const [setB] = await db
    .insert(rooms)
    .values({ workspaceId: workspace.id, studioId: la.id, name: "Set B", hourlyRateCents: 6000 })
    .returning();
  const [sh] = await db
    .insert(studios)
    .values({
      workspaceId: workspace.id,
      currency: "USD",
      name: "Shanghai",
      timeZone: "Asia/Shanghai",
      openingHours: everyDay("10:00", "03:00"),
      createdAt: new Date("2026-01-02T00:00:00Z"),
    })
    .returning();
  const [setC] = await db
    .insert(rooms)
    .values({ workspaceId: workspace.id, studioId: sh.id, name: "Set C", hourlyRateCents: 4000 })
    .returning();
  const [unit] = await db
    .insert(storageUnits)
    .values({ workspaceId: workspace.id, studioId: sh.id, code: "S-1", nightlyRateCents: 1500 })
    .returning();
  const creator = await makeMember(db, workspace.id, "creator");
  const creatorId = creator.user.id;

  const book = async (roomId: string, startsAt: string, endsAt: string, status: BookingStatus = "completed") => {
    const [b] = await db
      .insert(bookings)
      .values({
        workspaceId: workspace.id,
        roomId,
        creatorId,
        code: randomUUID().slice(0, 7),
        status,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        blockedUntil: new Date(endsAt),
        quote: {},
      })
      .returning();
    return b;
  };
  const charge = async (c: {
    kind: ChargeKind;
    cents: number;
    at: string;
    status?: Status;
    bookingId?: string;
    storageReservationId?: string;
    currency?: string;
  }) => {
    await db.insert(charges).values({
      workspaceId: workspace.id,
      creatorId,
      kind: c.kind,
      bookingId: c.bookingId ?? null,
      storageReservationId: c.storageReservationId ?? null,
      description: c.kind,
      unitAmountCents: c.cents,
      amountCents: c.cents,
      currency: c.currency ?? "USD",
      status: c.status ?? "pending",
      idempotencyKey: randomUUID(),
      createdAt: new Date(c.at),
    });
  };
  const storage = async () => {
    const [r] = await db
      .insert(storageReservations)
      .values({
        workspaceId: workspace.id,
        unitId: unit.id,
        creatorId,
        firstNight: "2026-11-02",
        lastNight: "2026-11-03",
      })
      .returning();
    return r;
  };
  return { workspace, la, sh, setA, setB, setC, book, charge, storage };
}

const row = (
  report: Awaited<ReturnType<typeof revenueReport>>,
  month: string,
  roomId: string | null,
  currency = "USD",
) => report.rows.find((r) => r.month === month && r.roomId === roomId && r.currency === currency);

describe("revenueReport", () => {
  it("sums every charge that is not void, with credits taking away, per studio, room and month", async () => {
    const db = testDb();
    const w = await reportWorld(db);
    const a1 = await w.book(w.setA.id, "2026-10-05T17:00:00Z", "2026-10-05T19:00:00Z");
    const b1 = await w.book(w.setB.id, "2026-10-06T17:00:00Z", "2026-10-06T18:00:00Z");
    const c1 = await w.book(w.setC.id, "2026-11-10T04:00:00Z", "2026-11-10T06:00:00Z");
    await w.charge({ kind: "room_time", cents: 12000, at: "2026-10-05T19:05:00Z", status: "paid", bookingId: a1.id });
    await w.charge({ kind: "add_on", cents: 2500, at: "2026-10-05T19:05:00Z", status: "invoiced", bookingId: a1.id });
    await w.charge({ kind: "overtime", cents: 3000, at: "2026-10-05T19:40:00Z", status: "failed", bookingId: a1.id });
    await w.charge({ kind: "credit", cents: -2000, at: "2026-10-07T12:00:00Z", status: "pending", bookingId: a1.id });
    await w.charge({ kind: "room_time", cents: 99999, at: "2026-10-05T19:05:00Z", status: "void", bookingId: a1.id });
    await w.charge({ kind: "room_time", cents: 6000, at: "2026-10-06T18:05:00Z", status: "paid", bookingId: b1.id });
    await w.charge({
      kind: "no_show_fee",
      cents: 4000,
      at: "2026-11-10T06:05:00Z",
      status: "pending",
      bookingId: c1.id,
    });
    const stay = await w.storage();
    await w.charge({
      kind: "storage_night",
      cents: 1500,
      at: "2026-11-03T02:00:00Z",
      status: "paid",
      storageReservationId: stay.id,
    });
    await w.charge({
      kind: "storage_night",
      cents: 1500,
      at: "2026-11-04T02:00:00Z",
      status: "pending",
      storageReservationId: stay.id,
    });

    const report = await revenueReport(db, w.workspace.id, { from: "2026-10", to: "2026-11" });
    expect(report.months).toEqual(["2026-10", "2026-11"]);

    const a = row(report, "2026-10", w.setA.id);
    expect(a).toMatchObject({ studioId: w.la.id, studioName: "Los Angeles", roomName: "Set A", currency: "USD" });
    expect(a?.byKind).toEqual({
      room_time: 12000,
      overtime: 3000,
      add_on: 2500,
      storage_night: 0,
      late_cancel_fee: 0,
      no_show_fee: 0,
      credit: -2000,
      tax: 0,
    });
    expect(a).toMatchObject({
      totalCents: 12000 + 2500 + 3000 - 2000,
      paidCents: 12000,
      outstandingCents: 2500 + 3000 - 2000,
    });
    expect(row(report, "2026-10", w.setB.id)).toMatchObject({ totalCents: 6000, paidCents: 6000, outstandingCents: 0 });
    expect(row(report, "2026-11", w.setC.id)).toMatchObject({
      studioName: "Shanghai",
      totalCents: 4000,
      outstandingCents: 4000,
    });
    // Storage belongs to its unit's studio and to no room.
    expect(row(report, "2026-11", null)).toMatchObject({
      studioId: w.sh.id,
      roomName: null,
      totalCents: 3000,
      paidCents: 1500,
      byKind: expect.objectContaining({ storage_night: 3000 }),
    });
    expect(report.rows).toHaveLength(4);
    expect(report.rows.map((r) => r.studioName)).toEqual(["Los Angeles", "Los Angeles", "Shanghai", "Shanghai"]);

    expect(report.totals.byStudio).toEqual([
      expect.objectContaining({ studioId: w.la.id, currency: "USD", totalCents: 15500 + 6000, paidCents: 18000 }),
      expect.objectContaining({ studioId: w.sh.id, currency: "USD", totalCents: 7000, paidCents: 1500 }),
    ]);
    expect(report.totals.byMonth).toEqual([
      expect.objectContaining({ month: "2026-10", currency: "USD", totalCents: 21500 }),
      expect.objectContaining({ month: "2026-11", currency: "USD", totalCents: 7000 }),
    ]);
    expect(report.totals.byCurrency).toEqual([
      expect.objectContaining({ currency: "USD", totalCents: 28500, paidCents: 19500, outstandingCents: 9000 }),
    ]);
  });

  it("dates a charge by its studio's clock: just after midnight on the 1st is the new month, just before is the old one", async () => {
    const db = testDb();
    const w = await reportWorld(db);
    const c1 = await w.book(w.setC.id, "2026-10-31T08:00:00Z", "2026-10-31T10:00:00Z");
    const a1 = await w.book(w.setA.id, "2026-10-31T20:00:00Z", "2026-10-31T22:00:00Z");
    // 00:05 on 1 Nov in Shanghai (UTC+8) is still 31 Oct in UTC.
    await w.charge({ kind: "room_time", cents: 700, at: "2026-10-31T16:05:00Z", bookingId: c1.id });
    // 23:55 on 31 Oct in Los Angeles (UTC−7 until 1 Nov) is already 1 Nov in UTC.
    await w.charge({ kind: "room_time", cents: 300, at: "2026-11-01T06:55:00Z", bookingId: a1.id });
    // 00:00 on 1 Nov in Los Angeles: the first instant of November there.
    await w.charge({ kind: "add_on", cents: 50, at: "2026-11-01T07:00:00Z", bookingId: a1.id });

    const report = await revenueReport(db, w.workspace.id, { from: "2026-10", to: "2026-11" });
    expect(row(report, "2026-11", w.setC.id)?.totalCents).toBe(700);
    expect(row(report, "2026-10", w.setC.id)).toBeUndefined();
    expect(row(report, "2026-10", w.setA.id)?.totalCents).toBe(300);
    expect(row(report, "2026-11", w.setA.id)?.totalCents).toBe(50);

    // A range of November alone leaves the October charge out, and the other way round.
    const november = await revenueReport(db, w.workspace.id, { from: "2026-11", to: "2026-11" });
    expect(november.totals.byCurrency).toEqual([expect.objectContaining({ currency: "USD", totalCents: 750 })]);
    const october = await revenueReport(db, w.workspace.id, { from: "2026-10", to: "2026-10" });
    expect(october.totals.byCurrency).toEqual([expect.objectContaining({ currency: "USD", totalCents: 300 })]);
  });

  it("keeps two currencies apart in every row and total", async () => {
    const db = testDb();
    const w = await reportWorld(db);
    const a1 = await w.book(w.setA.id, "2026-11-05T17:00:00Z", "2026-11-05T19:00:00Z");
    await w.charge({ kind: "room_time", cents: 10000, at: "2026-11-05T19:05:00Z", status: "paid", bookingId: a1.id });
    await w.charge({ kind: "add_on", cents: 900, at: "2026-11-05T19:05:00Z", bookingId: a1.id, currency: "EUR" });

    const report = await revenueReport(db, w.workspace.id, { from: "2026-11", to: "2026-11" });
    expect(row(report, "2026-11", w.setA.id, "USD")).toMatchObject({ totalCents: 10000, paidCents: 10000 });
    expect(row(report, "2026-11", w.setA.id, "EUR")).toMatchObject({ totalCents: 900, outstandingCents: 900 });
    expect(report.totals.byCurrency.map((t) => [t.currency, t.totalCents])).toEqual([
      ["EUR", 900],
      ["USD", 10000],
    ]);
    expect(report.totals.byStudio.map((t) => [t.currency, t.totalCents])).toEqual([
      ["EUR", 900],
      ["USD", 10000],
    ]);
    expect(report.totals.byMonth.map((t) => [t.currency, t.totalCents])).toEqual([
      ["EUR", 900],
      ["USD", 10000],
    ]);
  });

  it("dates a charge linked to no booking or storage by the first studio's zone and shows it without a room", async () => {
    const db = testDb();
    const w = await reportWorld(db);
    // 23:30 on 31 Oct in Los Angeles (the first studio); 1 Nov in UTC and in Shanghai.
    await w.charge({ kind: "late_cancel_fee", cents: 2500, at: "2026-11-01T06:30:00Z" });
    const report = await revenueReport(db, w.workspace.id, { from: "2026-10", to: "2026-11" });
    expect(report.rows).toEqual([
      expect.objectContaining({ month: "2026-10", studioId: null, roomId: null, roomName: null, totalCents: 2500 }),
    ]);
  });

  it("uses UTC for a charge linked to nothing in a workspace without studios", async () => {
    const db = testDb();
    const w = await reportWorld(db);
    await db.delete(studios).where(eq(studios.workspaceId, w.workspace.id));
    await w.charge({ kind: "late_cancel_fee", cents: 2500, at: "2026-11-01T06:30:00Z" });
    const report = await revenueReport(db, w.workspace.id, { from: "2026-10", to: "2026-11" });
    expect(report.rows).toEqual([expect.objectContaining({ month: "2026-11", studioId: null, totalCents: 2500 })]);
  });

  it("never includes another workspace's charges", async () => {
    const db = testDb();
    const mine = await reportWorld(db);
    const theirs = await reportWorld(db);
    const a1 = await mine.book(mine.setA.id, "2026-11-05T17:00:00Z", "2026-11-05T19:00:00Z");
    const t1 = await theirs.book(theirs.setA.id, "2026-11-05T17:00:00Z", "2026-11-05T19:00:00Z");
    await mine.charge({ kind: "room_time", cents: 1000, at: "2026-11-05T19:05:00Z", bookingId: a1.id });
    await theirs.charge({ kind: "room_time", cents: 50000, at: "2026-11-05T19:05:00Z", bookingId: t1.id });
    await theirs.charge({ kind: "late_cancel_fee", cents: 7000, at: "2026-11-06T19:05:00Z" });

    const report = await revenueReport(db, mine.workspace.id, { from: "2026-11", to: "2026-11" });
    expect(report.rows.map((r) => [r.roomId, r.totalCents])).toEqual([[mine.setA.id, 1000]]);
    expect(report.totals.byCurrency).toEqual([expect.objectContaining({ totalCents: 1000 })]);
  });
});

const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

describe("utilizationReport", () => {
  it("measures open and booked minutes against a known weekly schedule, closures and booking statuses", async () => {
    const db = testDb();
    const w = await reportWorld(db);
    // New York, Monday to Friday 10:00–18:00, closed on Wednesday 10 June 2026. June 2026 is all EDT (UTC−4).
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "10:00", closes: "18:00" }));
    const [ny] = await db
      .insert(studios)
      .values({
        workspaceId: w.workspace.id,
        currency: "USD",
        name: "New York",
        timeZone: "America/New_York",
        openingHours: weekdays,
      })
      .returning();
    const [room] = await db
      .insert(rooms)
      .values({ workspaceId: w.workspace.id, studioId: ny.id, name: "Loft", hourlyRateCents: 5000 })
      .returning();
    await db
      .insert(studioClosures)
      .values({ workspaceId: w.workspace.id, studioId: ny.id, startsOn: "2026-06-10", endsOn: "2026-06-10" });
    const ny4 = (local: string) => `${local}-04:00`;
    await w.book(room.id, ny4("2026-06-02T11:00:00"), ny4("2026-06-02T13:00:00"), "confirmed"); // 120
    await w.book(room.id, ny4("2026-06-03T17:00:00"), ny4("2026-06-03T19:00:00"), "completed"); // 60 inside the hours
    await w.book(room.id, ny4("2026-06-04T10:00:00"), ny4("2026-06-04T11:00:00"), "no_show"); // 10:00–11:00 …
    await w.book(room.id, ny4("2026-06-04T10:30:00"), ny4("2026-06-04T11:30:00"), "completed"); // … and 11:30: 90 in all
    await w.book(room.id, ny4("2026-06-05T12:00:00"), ny4("2026-06-05T12:30:00"), "checked_in"); // 30
    await w.book(room.id, ny4("2026-06-08T10:00:00"), ny4("2026-06-08T12:00:00"), "cancelled");
    await w.book(room.id, ny4("2026-06-09T10:00:00"), ny4("2026-06-09T12:00:00"), "held");
    await w.book(room.id, ny4("2026-06-11T10:00:00"), ny4("2026-06-11T12:00:00"), "expired");
    await w.book(room.id, ny4("2026-06-10T11:00:00"), ny4("2026-06-10T12:00:00"), "confirmed"); // on the closed day
    await w.book(room.id, ny4("2026-06-13T11:00:00"), ny4("2026-06-13T12:00:00"), "confirmed"); // a Saturday

    const report = await utilizationReport(db, w.workspace.id, { from: "2026-06", to: "2026-06" });
    let openDays = 0;
    for (let d = 1; d <= 30; d++) {
      const weekday = new Date(Date.UTC(2026, 5, d)).getUTCDay();
      if (weekday >= 1 && weekday <= 5 && d !== 10) openDays++;
    }
    expect(openDays).toBe(21);
    const june = report.rows.find((r) => r.roomId === room.id);
    expect(june).toMatchObject({
      month: "2026-06",
      studioName: "New York",
      roomName: "Loft",
      timeZone: "America/New_York",
      openMinutes: openDays * 8 * 60,
      bookedMinutes: 120 + 60 + 90 + 30,
    });
    expect(june?.utilizationPercent).toBe(3); // 300 / 10080 = 2.98 %
    expect(report.totals.byRoom.find((r) => r.roomId === room.id)).toMatchObject({
      openMinutes: openDays * 480,
      bookedMinutes: 300,
      utilizationPercent: 3,
    });
  });

  it("counts the real length of a month with a clock change, both ways, and splits bookings at month ends", async () => {
    const db = testDb();
    const w = await reportWorld(db, { laHours: everyDay("00:00", "00:00") }); // open round the clock
    await w.book(w.setA.id, "2026-03-31T22:00:00-07:00", "2026-04-01T02:00:00-07:00", "completed"); // 120 in March, 120 in April
    await w.book(w.setA.id, "2026-03-08T01:00:00-08:00", "2026-03-08T04:00:00-07:00", "completed"); // 01:00–04:00 on the spring-forward night: 2 h
    await w.book(w.setA.id, "2026-11-01T00:00:00-07:00", "2026-11-01T03:00:00-08:00", "completed"); // 00:00–03:00 on the fall-back night: 4 h

    const report = await utilizationReport(db, w.workspace.id, { from: "2026-03", to: "2026-11" });
    const month = (m: string) => report.rows.find((r) => r.roomId === w.setA.id && r.month === m);
    // Independently of the app: the instants of local midnight on the 1st, with the offsets that apply then.
    expect(month("2026-03")?.openMinutes).toBe(minutes("2026-03-01T00:00:00-08:00", "2026-04-01T00:00:00-07:00"));
    expect(month("2026-03")?.openMinutes).toBe((31 * 24 - 1) * 60);
    expect(month("2026-11")?.openMinutes).toBe((30 * 24 + 1) * 60);
    expect(month("2026-06")?.openMinutes).toBe(30 * 24 * 60);
    expect(month("2026-03")?.bookedMinutes).toBe(120 + 120);
    expect(month("2026-04")?.bookedMinutes).toBe(120);
    expect(month("2026-11")?.bookedMinutes).toBe(240);
    expect(month("2026-11")?.utilizationPercent).toBe(Math.round((240 / ((30 * 24 + 1) * 60)) * 1000) / 10);
    // Set B was never booked: open all the time, used none of it.
    expect(report.rows.find((r) => r.roomId === w.setB.id && r.month === "2026-11")).toMatchObject({
      bookedMinutes: 0,
      utilizationPercent: 0,
    });
  });

  it("counts an opening range that passes midnight into the next month in the month it runs in", async () => {
    const db = testDb();
    const w = await reportWorld(db); // Los Angeles 09:00–02:00 every day
    const report = await utilizationReport(db, w.workspace.id, { from: "2026-06", to: "2026-06" });
    // 31 May's range gives 1 June 00:00–02:00; 1–29 June's ranges are 17 h each; 30 June's stops at 1 July 00:00.
    expect(report.rows.find((r) => r.roomId === w.setA.id)?.openMinutes).toBe((2 + 29 * 17 + 15) * 60);
  });

  it("never includes another workspace's rooms or bookings, and leaves out switched-off rooms that were not booked", async () => {
    const db = testDb();
    const mine = await reportWorld(db);
    const theirs = await reportWorld(db);
    await mine.book(mine.setA.id, "2026-06-02T18:00:00Z", "2026-06-02T20:00:00Z", "confirmed");
    await theirs.book(theirs.setA.id, "2026-06-02T18:00:00Z", "2026-06-02T23:00:00Z", "confirmed");
    await db.update(rooms).set({ active: false }).where(eq(rooms.id, mine.setB.id));

    const report = await utilizationReport(db, mine.workspace.id, { from: "2026-06", to: "2026-06" });
    expect(report.totals.byRoom.map((r) => r.roomId).sort()).toEqual([mine.setA.id, mine.setC.id].sort());
    expect(report.rows.find((r) => r.roomId === mine.setA.id)?.bookedMinutes).toBe(120);
  });
});
