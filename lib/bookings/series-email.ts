import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users, type Booking } from "@/db/schema";
import { enqueueEmail } from "../notifications/outbox";
import { bookingIcsAttachment } from "./calendar";
import { studioTimeRange } from "./emails";
import type { RoomContext } from "./room-context";
import type { Occurrence } from "./series-plan";

/**
 * The one email of a booked series: every booked date with its code, the dates left out and why, and one calendar
 * invite per date (each its own event, so cancelling one date later removes just that one from the calendar).
 */
export async function sendSeriesEmail(
  tx: Tx,
  input: {
    creatorId: string;
    workspaceId: string;
    room: RoomContext["room"];
    studio: RoomContext["studio"];
    booked: Booking[];
    skipped: Occurrence[];
  },
) {
  const [creator] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.creatorId));
  const { room, studio } = input;
  const tz = studio.timeZone;
  const subject = `Booked every week: ${room.name}, ${input.booked.length} ${input.booked.length === 1 ? "date" : "dates"}`;
  const lines = [
    subject,
    "",
    `${room.name} at ${studio.name}`,
    "Booked:",
    ...input.booked.map((b) => `- ${studioTimeRange(b.startsAt, b.endsAt, tz)} · code ${b.code}`),
    ...(input.skipped.length > 0
      ? [
          "",
          "Not booked:",
          ...input.skipped.map((o) => `- ${studioTimeRange(o.startsAt, o.endsAt, tz)}: ${o.ok ? "" : o.message}`),
        ]
      : []),
    "",
    "Show each date's booking code (or its QR in Livebase) at the front desk to check in.",
  ];
  await enqueueEmail(tx, {
    to: creator.email,
    workspaceId: input.workspaceId,
    subject,
    text: lines.join("\n"),
    kind: "booking.series_confirmed",
    attachments: input.booked.map((b) =>
      bookingIcsAttachment({
        id: b.id,
        code: b.code,
        status: b.status,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        roomName: room.name,
        studioName: studio.name,
        studioAddress: studio.address,
        updatedAt: b.updatedAt,
      }),
    ),
  });
}
