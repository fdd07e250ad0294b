import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { problemOf } from "@/lib/api/problem-of";
import { cancelBooking } from "@/lib/bookings/lifecycle";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { getDb } from "@/lib/db";

/** Cancels the booking; the answer carries the fee charged by the workspace policy (0 when free). */
export const POST = apiRoute<{ id: string }>("bookings.cancel", async ({ member, params, now }) => {
  const result = await cancelBooking(getDb(), member, params.id, now);
  if (!result.ok) return problemOf(result, "booking or room");
  return json({
    ...bookingJson(result.value.booking),
    fee: { amountCents: result.value.feeCents, currency: result.value.currency },
  });
});

export const GET = methodNotAllowed(["POST"]);
