import { TZDate } from "@date-fns/tz";
import type { Db } from "../client";
import { bookings, storageLocations, storageReservations, type OpeningHours } from "../schema";
import { DAY_MS, MINUTE_MS } from "../../kernel/time";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Room = { id: string; name: string; hourlyRateCents: number; bufferMinutes: number; stepMinutes: number };

/** The studio's wall clock at an instant: its date, hour, minute and weekday (0 = Sunday). */
function wall(at: Date, timeZone: string) {
  const d = new TZDate(at.getTime(), timeZone);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return { date, hour: d.getHours(), minute: d.getMinutes(), weekday: d.getDay() };
}

function shiftDate(date: string, days: number) {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A floor in full swing when the demo is first opened, made relative to `now` (the seed's clock), in the Los Angeles
 * studio (open 09:00 to 02:00, round the clock on Friday and Saturday): a session under way (checked in), one just
 * finished, two still to come today, the studio's bins and shelf, and a storage reservation whose last night has
 * passed while the goods are still in the unit (overdue). Before opening time (and past midnight, with closing
 * near) the sessions still to come are the day's from 10:00.
 * The sessions are Lena's and Marcus's (demo creators of their own), so the journeys that follow Chloe's and Kai's
 * accounts are not changed by them.
 */
export async function seedBusyFloor(
  tx: Tx,
  w: {
    workspaceId: string;
    timeZone: string;
    openingHours: OpeningHours;
    studioId: string;
    rooms: Room[];
    lena: string;
    marcus: string;
    staff: string;
    unitA2: string;
    unitA2Rate: number;
  },
  now: Date,
) {
  const here = wall(now, w.timeZone);
  // Whether the studio is open at an instant, read from its own hours (db/ does not reach lib/'s rules): within the
  // day's own range (the same time twice is round the clock), or in the tail of the previous day's past midnight.
  const clock = (t: ReturnType<typeof wall>) =>
    `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
  const inOwnDay = (t: ReturnType<typeof wall>) =>
    w.openingHours.some(
      (h) =>
        h.weekday === t.weekday &&
        (h.opens === h.closes || (clock(t) >= h.opens && (h.closes < h.opens || clock(t) < h.closes))),
    );
  const inLastNight = (t: ReturnType<typeof wall>) =>
    w.openingHours.some((h) => h.weekday === (t.weekday + 6) % 7 && h.closes < h.opens && clock(t) < h.closes);
  const openAt = (instant: Date) => {
    const t = wall(instant, w.timeZone);
    return inOwnDay(t) || inLastNight(t);
  };
  const open = openAt(now);
  const halfHour = 30 * MINUTE_MS;
  const nowish = new Date(Math.floor(now.getTime() / halfHour) * halfHour);
  const tenOn = (date: string) =>
    new Date(
      new TZDate(
        Number(date.slice(0, 4)),
        Number(date.slice(5, 7)) - 1,
        Number(date.slice(8, 10)),
        10,
        0,
        0,
        0,
        w.timeZone,
      ).getTime(),
    );
  const tenToday = tenOn(here.date);
  const tenTomorrow = tenOn(shiftDate(here.date, 1));
  // The sessions still to come: from this half hour in the day, from 10:00 before opening or past midnight (closing soon).
  const daytime = inOwnDay(here);
  const later = daytime ? nowish : tenToday;
  const at = (from: Date, minutes: number, step: number) =>
    new Date(Math.floor((from.getTime() + minutes * MINUTE_MS) / (step * MINUTE_MS)) * step * MINUTE_MS);
  const [setA, setB, setC, boothD] = w.rooms;
  const sessions: {
    room: Room;
    creator: string;
    start: Date;
    minutes: number;
    status: NonNullable<(typeof bookings.$inferInsert)["status"]>;
    code: string;
  }[] = [
    // Under way (checked in 5 minutes after it started) and one finished: only while open, nothing has happened before.
    ...(open
      ? [
          {
            room: setA,
            creator: w.lena,
            start: at(nowish, -60, setA.stepMinutes),
            minutes: 150,
            status: "checked_in" as const,
            code: "DMF-NOW",
          },
          {
            room: boothD,
            creator: w.marcus,
            start: at(nowish, -150, boothD.stepMinutes),
            minutes: 90,
            status: "completed" as const,
            code: "DMF-DNE",
          },
        ]
      : [
          {
            room: setA,
            creator: w.lena,
            start: at(later, 0, setA.stepMinutes),
            minutes: 150,
            status: "confirmed" as const,
            code: "DMF-NOW",
          },
        ]),
    // Still to come; late in the evening, what would run past closing is tomorrow's from 10:00 instead.
    ...[
      { room: setB, creator: w.marcus, after: 90, minutes: 120, code: "DMF-NXT" },
      { room: setC, creator: w.lena, after: 240, minutes: 120, code: "DMF-LTR" },
    ].map((s) => {
      const start = at(later, s.after, s.room.stepMinutes);
      const fits = openAt(start) && openAt(new Date(start.getTime() + (s.minutes - 1) * MINUTE_MS));
      return {
        ...s,
        start: fits ? start : at(tenTomorrow, s.after - 90, s.room.stepMinutes),
        status: "confirmed" as const,
      };
    }),
  ];
  for (const s of sessions) {
    const end = new Date(s.start.getTime() + s.minutes * MINUTE_MS);
    const cents = Math.round((s.room.hourlyRateCents * s.minutes) / 60);
    await tx.insert(bookings).values({
      workspaceId: w.workspaceId,
      roomId: s.room.id,
      creatorId: s.creator,
      code: s.code,
      status: s.status,
      startsAt: s.start,
      endsAt: end,
      blockedUntil: new Date(end.getTime() + s.room.bufferMinutes * MINUTE_MS),
      quote: {
        currency: "USD",
        minutes: s.minutes,
        subtotalCents: cents,
        totalCents: cents,
        lines: [
          {
            kind: "room_time",
            description: `${s.room.name}, ${s.minutes / 60} h`,
            quantity: s.minutes,
            unitAmountCents: s.room.hourlyRateCents,
            amountCents: cents,
            startsAt: s.start.toISOString(),
            endsAt: end.toISOString(),
          },
        ],
      },
      checkedInAt:
        s.status === "checked_in" || s.status === "completed" ? new Date(s.start.getTime() + 5 * MINUTE_MS) : null,
      checkedOutAt: s.status === "completed" ? end : null,
      createdBy: w.staff,
      createdAt: new Date(s.start.getTime() - 3 * DAY_MS),
      updatedAt: s.status === "completed" ? end : now,
    });
  }

  // Where received samples go: six bins and a shelf.
  await tx.insert(storageLocations).values([
    ...["BIN-01", "BIN-02", "BIN-03", "BIN-04", "BIN-05", "BIN-06"].map((code) => ({
      workspaceId: w.workspaceId,
      studioId: w.studioId,
      code,
      kind: "bin",
    })),
    { workspaceId: w.workspaceId, studioId: w.studioId, code: "Shelf A", kind: "shelf" },
  ]);

  // Lena's stock stayed in Unit A2 for 4 nights, the last of them last night, and has not been collected: overdue.
  await tx.insert(storageReservations).values({
    workspaceId: w.workspaceId,
    unitId: w.unitA2,
    creatorId: w.lena,
    firstNight: shiftDate(here.date, -4),
    lastNight: shiftDate(here.date, -1),
    status: "active",
    nightlyRateCents: w.unitA2Rate,
    checkedInAt: new Date(now.getTime() - 4 * DAY_MS),
    createdBy: w.staff,
    createdAt: new Date(now.getTime() - 5 * DAY_MS),
  });
}
