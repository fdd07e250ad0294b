import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { expect } from "vitest";
import { invoices, stripeCustomers } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { createBooking } from "@/lib/bookings/create-booking";
import { checkInBooking } from "@/lib/bookings/check-in-booking";
import { checkOutBooking } from "@/lib/bookings/check-out-booking";
import { createBookingSchema } from "@/lib/bookings/schemas";
import { applyCompletedCheckout, startCardCheckout } from "@/lib/billing/customers";
import { assembleInvoices } from "@/lib/billing/invoicing";
import type { StripeTestServer } from "../stripe/stripe-test-server";

export const fixtureNow = new Date("2026-12-01T12:00:00Z");
export const la = (local: string) => new Date(`${local}-08:00`);
export const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/**
 * A creator who saved a card through Checkout (on the Stripe test server), then had a 2-hour session with an
 * add-on checked out ($120 room time + $25 add-on), assembled into one draft invoice ready to send.
 */
export async function sessionWithCard(
  server: StripeTestServer,
  stripe: Stripe,
  card: { declines?: boolean } = {},
  opts: { account?: string } = {},
) {
  const now = fixtureNow;
  const db = testDb();
  const w = await bookingWorld(db);
  const at = { stripe, account: opts.account ?? "" };
  const url = await startCardCheckout(db, at, {
    workspaceId: w.workspace.id,
    userId: w.creator.user.id,
    currency: "USD",
    returnUrl: "http://localhost:3000/w/x/billing",
    now,
  });
  const sessionId = url!.split("/").pop()!;
  server.completeCheckout(sessionId, {
    brand: "visa",
    last4: card.declines ? "0341" : "4242",
    declines: card.declines,
  });
  expect(await applyCompletedCheckout(db, at, sessionId, now)).toBe(true);
  const booked = await createBooking(
    db,
    createBookingSchema.parse({
      roomId: w.room.id,
      startsAt: la("2026-12-03T19:00:00").toISOString(),
      endsAt: la("2026-12-03T21:00:00").toISOString(),
      addOnIds: [w.addOns.light.id],
    }),
    w.creator.actor,
    now,
  );
  if (!booked.ok) throw new Error(booked.error);
  const start = booked.value.startsAt;
  await checkInBooking(db, w.staff.actor, booked.value.id, start);
  await checkOutBooking(db, w.staff.actor, booked.value.id, minutes(start, 120));
  const due = minutes(start, 200); // past the 60-minute invoice delay
  await assembleInvoices(db, due, true, { workspaceId: w.workspace.id });
  const [inv] = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
  const [customer] = await db.select().from(stripeCustomers).where(eq(stripeCustomers.userId, w.creator.user.id));
  return { db, w, booking: booked.value, inv, customer, due };
}
