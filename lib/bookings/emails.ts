import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { workspaces } from "@/db/schema";
import { getEnv } from "../env";
import { enqueueEmail } from "../notifications/outbox";
import { bookingIcsAttachment, type CalendarBooking } from "./calendar";

export type BookingEmailKind = "confirmed" | "changed" | "cancelled" | "reminder";

const SUBJECTS: Record<BookingEmailKind, (b: CalendarBooking) => string> = {
  confirmed: (b) => `Booked: ${b.roomName}, ${b.code}`,
  changed: (b) => `Booking changed: ${b.roomName}, ${b.code}`,
  cancelled: (b) => `Booking cancelled: ${b.roomName}, ${b.code}`,
  reminder: (b) => `Reminder: ${b.roomName} at ${b.studioName}, ${b.code}`,
};

/** "Tue 1 Dec 2026, 19:00–22:00 (America/Los_Angeles)": times are always the studio's, labelled as such. */
export function studioTimeRange(start: Date, end: Date, timeZone: string) {
  const s = new TZDate(start, timeZone);
  const e = new TZDate(end, timeZone);
  return `${format(s, "EEE d MMM yyyy, HH:mm")}–${format(e, "HH:mm")} (${timeZone})`;
}

/** "Tue 1 Dec 2026, 19:00 (America/Los_Angeles)": one instant on the studio's clock. */
export function studioTime(at: Date, timeZone: string) {
  return `${format(new TZDate(at, timeZone), "EEE d MMM yyyy, HH:mm")} (${timeZone})`;
}

/** Writes a booking email, with its .ics, to the outbox (in the caller's transaction). */
export async function enqueueBookingEmail(
  db: DbOrTx,
  input: {
    kind: BookingEmailKind;
    to: string;
    workspaceId: string;
    booking: CalendarBooking & { roomId?: string };
    timeZone: string;
    extra?: string[];
    dedupeKey?: string;
    /** When it is written, on the app's clock (the database's when not given). */
    at?: Date;
  },
) {
  const b = input.booking;
  const lines = [
    `${b.roomName} at ${b.studioName}`,
    studioTimeRange(b.startsAt, b.endsAt, input.timeZone),
    `Booking code: ${b.code}`,
    ...(input.extra ?? []),
  ];
  if (input.kind !== "cancelled") {
    lines.push("Show the booking code (or its QR in Livebase) at the front desk to check in.");
    // Straight to the booking (after signing in, the sign-in page returns here): its page moves or cancels it.
    const [ws] = await db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, input.workspaceId));
    if (ws) {
      const base = `${getEnv().APP_URL}/w/${ws.slug}`;
      lines.push("");
      if (b.roomId) lines.push(`Reschedule: ${base}/book/${b.roomId}?reschedule=${b.id}`);
      lines.push(`Cancel or see the booking: ${base}/bookings/${b.id}`);
    }
  }
  const text = [SUBJECTS[input.kind](b), "", ...lines].join("\n");
  return enqueueEmail(db, {
    to: input.to,
    at: input.at,
    dedupeKey: input.dedupeKey,
    workspaceId: input.workspaceId,
    subject: SUBJECTS[input.kind](b),
    text,
    kind: `booking.${input.kind}`,
    attachments: [bookingIcsAttachment(b)],
  });
}
