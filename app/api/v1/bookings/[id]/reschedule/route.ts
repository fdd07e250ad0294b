import { apiRoute, json, methodNotAllowed, parseJson } from "@/lib/api/handler";
import { problemOf } from "@/lib/api/problem-of";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { rescheduleBooking } from "@/lib/bookings/reschedule-booking";
import { rescheduleBookingSchema } from "@/lib/bookings/schemas";
import { getDb } from "@/lib/db";

/** Moves the booking to `{ startsAt, endsAt }` in the same room, atomically; 409 if taken, 422 if a rule forbids it. */
export const POST = apiRoute<{ id: string }>("bookings.create", async ({ req, member, params, now }) => {
  const input = await parseJson(req, rescheduleBookingSchema);
  if (input instanceof Response) return input;
  const result = await rescheduleBooking(getDb(), member, params.id, input, now);
  if (!result.ok) return problemOf(result, "booking or room");
  return json(bookingJson(result.value));
});

export const GET = methodNotAllowed(["POST"]);
