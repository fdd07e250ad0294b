import { apiRoute, json, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { findAvailability } from "@/lib/bookings/find-availability";
import { availabilityQuerySchema } from "@/lib/bookings/schemas";
import { getDb } from "@/lib/db";

/** Free start times of a room: `?roomId=&from=YYYY-MM-DD&to=YYYY-MM-DD&durationMinutes=` (dates in the studio's zone). */
export const GET = apiRoute("bookings.view", async ({ req, member, now }) => {
  const query = parseQuery(req, availabilityQuerySchema);
  if (query instanceof Response) return query;
  const result = await findAvailability(getDb(), member, { ...query, now });
  if (!result) return problem(404, { code: "not_found", detail: "There is no such room." });
  return json({
    timeZone: result.studio.timeZone,
    data: result.slots.map((s) => ({
      roomId: result.room.id,
      startsAt: s.start.toISOString(),
      endsAt: s.end.toISOString(),
    })),
  });
});

export const POST = methodNotAllowed(["GET"]);
