import { apiRoute, json, methodNotAllowed, parseJson } from "@/lib/api/handler";
import { problemOf } from "@/lib/api/problem-of";
import { waitlistJoinSchema } from "@/lib/bookings/schemas";
import { joinWaitlist, waitlistJson } from "@/lib/bookings/waitlist";
import { getDb } from "@/lib/db";

/** Joins the waitlist for a taken time: 201 (200 when already waiting for it), 409 `slot_free` when it is free. */
export const POST = apiRoute(
  "bookings.create",
  async ({ req, member, now }) => {
    const input = await parseJson(req, waitlistJoinSchema);
    if (input instanceof Response) return input;
    const result = await joinWaitlist(getDb(), member, input, now);
    if (!result.ok) return problemOf(result, "booking or room");
    return json(waitlistJson(result.value.entry), result.value.created ? 201 : 200);
  },
  { idempotent: true },
);

export const GET = methodNotAllowed(["POST"]);
