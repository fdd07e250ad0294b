import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { bookingIcs, bookingsFeed, INVITE_CONTENT_TYPE, type CalendarBooking } from "./calendar";
import { cancelBooking } from "./lifecycle";
import { createBooking } from "./create-booking";
import { createBookingSchema } from "./schemas";

const booking: CalendarBooking = {
  id: "0b9f7a52-2a4c-4d3b-9a51-6f0e3c1d2b7a",
  code: "K7Q-M3X",
  status: "confirmed",
  // 19:00–22:00 in Los Angeles on 5 December 2026.
  startsAt: new Date("2026-12-06T03:00:00Z"),
  endsAt: new Date("2026-12-06T06:00:00Z"),
  roomName: 'Set A, "the big one"; back\\room',
  studioName: "東京スタジオ · Livebase Downtown with a name long enough to need folding",
  studioAddress: "1 Main St, Suite 5\nLos Angeles; CA",
  updatedAt: new Date("2026-12-01T12:00:00Z"),
};

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return { cal, event: cal.getFirstSubcomponent("vevent")! };
}

describe("booking invites (iCalendar)", () => {
  it("is a valid METHOD:PUBLISH object: stable UID, UTC times, and text that round-trips through a real parser", () => {
    const ics = bookingIcs(booking);
    const { cal, event } = parse(ics);
    expect(cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toBeTruthy();
    // PUBLISH needs neither; a REQUEST without them is what RFC 5546 forbids.
    expect(event.getFirstProperty("organizer")).toBeNull();
    expect(event.getFirstPropertyValue("uid")).toBe(`${booking.id}@livebase`);
    const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
    const end = event.getFirstPropertyValue("dtend") as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe("2026-12-06T03:00:00.000Z");
    expect(end.toJSDate().toISOString()).toBe("2026-12-06T06:00:00.000Z");
    expect(start.zone?.tzid).toBe("UTC");
    expect((event.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().toISOString()).toBe(
      "2026-12-01T12:00:00.000Z",
    );
    expect(event.getFirstPropertyValue("summary")).toBe(`${booking.roomName} · ${booking.studioName}`);
    expect(event.getFirstPropertyValue("location")).toBe(booking.studioAddress);
    expect(event.getFirstPropertyValue("description")).toContain("K7Q-M3X");
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.getFirstPropertyValue("sequence")).toBe(Math.floor(booking.updatedAt.getTime() / 1000));
  });

  it("ends every line with CRLF and folds at 75 octets, never inside a character", () => {
    const ics = bookingIcs(booking);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.split("\r\n").slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true);
    // Every physical line is whole UTF-8 on its own (no multi-byte character split across a fold).
    for (const line of lines) expect(Buffer.from(line, "utf8").toString("utf8")).toBe(line);
  });

  it("publishes a cancellation of the same event as STATUS:CANCELLED with a higher SEQUENCE", () => {
    const first = parse(bookingIcs(booking)).event;
    const cancelled = parse(
      bookingIcs({ ...booking, status: "cancelled", updatedAt: new Date("2026-12-02T08:00:00Z") }),
    );
    expect(cancelled.cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(cancelled.event.getFirstPropertyValue("uid")).toBe(first.getFirstPropertyValue("uid"));
    expect(cancelled.event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(Number(cancelled.event.getFirstPropertyValue("sequence"))).toBeGreaterThan(
      Number(first.getFirstPropertyValue("sequence")),
    );
  });

  it("builds the feed with the same writer: every event parses, and an empty feed is still a calendar", () => {
    const second = {
      ...booking,
      id: "5a1e0c2d-8f3b-4e6a-b7c9-0d1e2f3a4b5c",
      code: "ABC-DEF",
      startsAt: new Date("2026-12-07T03:00:00Z"),
      endsAt: new Date("2026-12-07T04:00:00Z"),
    };
    const { cal } = parse(bookingsFeed("Livebase: Studio, LA", [booking, second]));
    // X-WR-CALNAME is TEXT by convention (Apple, Google); ical.js does not know it, so reads it still escaped.
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe("Livebase: Studio\\, LA");
    expect(cal.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"))).toEqual([
      `${booking.id}@livebase`,
      `${second.id}@livebase`,
    ]);
    expect(parse(bookingsFeed("Livebase: my bookings", [])).cal.getAllSubcomponents("vevent")).toHaveLength(0);
  });

  it("emails the invite as text/calendar with method=PUBLISH, on booking and on cancelling", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const now = new Date("2026-12-01T12:00:00Z");
    const la = (local: string) => new Date(`${local}-08:00`).toISOString();
    const b = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-09T19:00:00"),
        endsAt: la("2026-12-09T21:00:00"),
      }),
      w.creator.actor,
      now,
    );
    if (!b.ok) throw new Error(b.error);
    const cancelled = await cancelBooking(db, w.creator.actor, b.value.id, new Date(now.getTime() + 60_000));
    expect(cancelled.ok).toBe(true);
    const mails = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.toEmail, w.creator.user.email)));
    const invites = mails.flatMap((m) => m.attachments).map((a) => ({ a, ...parse(a.content) }));
    expect(invites).toHaveLength(2);
    for (const { a, cal, event } of invites) {
      expect(a.contentType).toBe(INVITE_CONTENT_TYPE);
      expect(cal.getFirstPropertyValue("method")).toBe("PUBLISH");
      expect(event.getFirstPropertyValue("uid")).toBe(`${b.value.id}@livebase`);
    }
    expect(invites.map((i) => i.event.getFirstPropertyValue("status")).sort()).toEqual(["CANCELLED", "CONFIRMED"]);
  });
});
