import { apiRoute, json, parseJson } from "@/lib/api/handler";
import { bookingProblem } from "@/lib/api/booking-problems";
import { createBooking } from "@/lib/bookings/create-booking";
import { bookingJson, listBookings } from "@/lib/bookings/list-bookings";
import { createBookingSchema } from "@/lib/bookings/schemas";
import { getDb } from "@/lib/db";

/** The caller's bookings (staff: their studios'; owners and managers: all), upcoming first. `?when=upcoming|past|all`. */
export const GET = apiRoute("bookings.view", async ({ req, member, now }) => {
  const when = new URL(req.url).searchParams.get("when") ?? "upcoming";
  if (!["upcoming", "past", "all"].includes(when)) return bookingProblem({ ok: false, error: "invalid", fieldErrors: { when: ["when must be upcoming, past or all"] } });
  const rows = await listBookings(getDb(), member, { when: when as "upcoming" | "past" | "all", now });
  return json({ data: rows.map(bookingJson) });
});

/** Books a room: 201 with the booking, 409 when taken, 422 when a rule forbids it, 400 for invalid fields. */
export const POST = apiRoute("bookings.create", async ({ req, member, now }) => {
  const input = await parseJson(req, createBookingSchema);
  if (input instanceof Response) return input;
  const result = await createBooking(getDb(), input, member, now);
  if (!result.ok) return bookingProblem(result);
  return json(bookingJson(result.value), 201);
});
