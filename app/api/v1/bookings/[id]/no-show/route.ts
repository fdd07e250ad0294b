import { problemOf } from "@/lib/api/problem-of";
import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { markNoShow } from "@/lib/bookings/mark-no-show";
import { getDb } from "@/lib/db";

/** Marks a no-show (15 minutes after the start); the policy's fee goes to the ledger. Staff of the booking's studio, managers and owners. */
export const POST = apiRoute<{ id: string }>("bookings.operate", async ({ member, params, now }) => {
  const r = await markNoShow(getDb(), member, params.id, now);
  if (!r.ok) return problemOf(r, "booking or room");
  return json({ ...bookingJson(r.value.booking), feeCents: r.value.feeCents });
});

export const GET = methodNotAllowed(["POST"]);
