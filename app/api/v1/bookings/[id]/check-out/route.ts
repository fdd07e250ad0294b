import { problemOf } from "@/lib/api/problem-of";
import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { checkOutBooking } from "@/lib/bookings/check-out-booking";
import { getDb } from "@/lib/db";

/** Checks the creator out: the session is completed and its charges go to the ledger. Staff of the booking's studio, managers and owners. */
export const POST = apiRoute<{ id: string }>("bookings.operate", async ({ member, params, now }) => {
  const r = await checkOutBooking(getDb(), member, params.id, now);
  if (!r.ok) return problemOf(r, "booking or room");
  return json({ ...bookingJson(r.value.booking), chargedCents: r.value.chargedCents });
});

export const GET = methodNotAllowed(["POST"]);
