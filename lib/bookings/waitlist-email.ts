import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { Tx } from "@/db/client";
import type { Booking } from "@/db/schema";
import { enqueueEmail } from "../notifications/outbox";
import { studioTimeRange } from "./emails";
import type { RoomContext } from "./room-context";

/** "Your waitlisted slot is held for N minutes": the time, the code, and until when it stays held. */
export async function enqueueOfferEmail(
  tx: Tx,
  input: {
    to: string;
    booking: Booking;
    room: RoomContext["room"];
    studio: RoomContext["studio"];
    holdMinutes: number;
  },
) {
  const { booking: b, room, studio } = input;
  const subject = `Your waitlisted slot is held for ${input.holdMinutes} minutes: ${room.name}`;
  const until = b.holdExpiresAt ? format(new TZDate(b.holdExpiresAt, studio.timeZone), "HH:mm") : null;
  const text = [
    subject,
    "",
    `${room.name} at ${studio.name}`,
    studioTimeRange(b.startsAt, b.endsAt, studio.timeZone),
    `Booking code: ${b.code}`,
    "",
    `The time you waited for is free, and it is held for you${until ? ` until ${until} (studio time)` : ""}.`,
    "Confirm it in Livebase under Bookings before then; after that it goes to the next person in line.",
  ].join("\n");
  await enqueueEmail(tx, { to: input.to, workspaceId: b.workspaceId, subject, text, kind: "waitlist.offered" });
}
