import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { problemOf } from "@/lib/api/problem-of";
import { waitlistJson, withdrawWaitlist } from "@/lib/bookings/waitlist";
import { getDb } from "@/lib/db";

/** Leaves the waitlist (an offered hold is released to the next in line); another member's entry is a 404. */
export const DELETE = apiRoute<{ id: string }>("bookings.create", async ({ member, params, now }) => {
  const result = await withdrawWaitlist(getDb(), member, params.id, now);
  if (!result.ok) return problemOf(result, "booking or room");
  return json(waitlistJson(result.value));
});

export const GET = methodNotAllowed(["DELETE"]);
