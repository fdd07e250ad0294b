import { apiRoute, json, parseJson, parseQuery } from "@/lib/api/handler";
import { pageJson } from "@/lib/api/pagination";
import { problemOf } from "@/lib/api/problem-of";
import { createBooking } from "@/lib/bookings/create-booking";
import { bookingJson, bookingListQuerySchema, listBookingsPage } from "@/lib/bookings/list-bookings";
import { createBookingSchema } from "@/lib/bookings/schemas";
import { getDb } from "@/lib/db";

/** The caller's bookings (staff: their studios'; owners and managers: all), a page at a time. `?when=upcoming|past|all&limit=&cursor=`. */
export const GET = apiRoute("bookings.view", async ({ req, member, now }) => {
  const q = parseQuery(req, bookingListQuerySchema);
  if (q instanceof Response) return q;
  const page = await listBookingsPage(getDb(), member, { when: q.when, now }, { limit: q.limit, after: q.after });
  return pageJson(req, page, bookingJson);
});

/** Books a room: 201 with the booking, 409 when taken, 422 when a rule forbids it, 400 for invalid fields. */
export const POST = apiRoute(
  "bookings.create",
  async ({ req, member, now }) => {
    const input = await parseJson(req, createBookingSchema);
    if (input instanceof Response) return input;
    const result = await createBooking(getDb(), input, member, now);
    if (!result.ok) return problemOf(result, "booking or room");
    return json(bookingJson(result.value), 201);
  },
  { idempotent: true },
);
