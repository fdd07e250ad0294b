import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { findBooking } from "@/lib/bookings/find-booking";
import { bookingJson } from "@/lib/bookings/list-bookings";
import { getDb } from "@/lib/db";

/** One booking the caller may see; any other id (another creator's, another workspace's) is a 404. */
export const GET = apiRoute<{ id: string }>("bookings.view", async ({ member, params }) => {
  const found = await findBooking(getDb(), member, params.id);
  if (!found) return problem(404, { code: "not_found", detail: "No such booking." });
  return json(bookingJson(found.booking));
});

export const POST = methodNotAllowed(["GET"]);
