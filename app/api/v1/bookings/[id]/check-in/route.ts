import { problemOf } from "@/lib/api/problem-of";
import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { checkInBooking } from "@/lib/bookings/check-in-booking";
import { getDb } from "@/lib/db";

/** Checks the creator in (from an hour before the start). Staff of the booking's studio, managers and owners. */
export const POST = apiRoute<{ id: string }>("bookings.operate", async ({ member, params, now }) => {
  const r = await checkInBooking(getDb(), member, params.id, now);
  if (!r.ok) return problemOf(r, "booking or room");
  return json(bookingJson(r.value));
});

export const GET = methodNotAllowed(["POST"]);
