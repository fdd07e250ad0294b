import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { problemOf } from "@/lib/api/problem-of";
import { confirmBooking } from "@/lib/bookings/lifecycle";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { getDb } from "@/lib/db";

/** Confirms a hold (POST /api/v1/bookings with `hold: true`) before it expires. */
export const POST = apiRoute<{ id: string }>("bookings.create", async ({ member, params, now }) => {
  const result = await confirmBooking(getDb(), member, params.id, now);
  if (!result.ok) return problemOf(result, "booking or room");
  return json(bookingJson(result.value));
});

export const GET = methodNotAllowed(["POST"]);
