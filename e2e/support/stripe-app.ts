import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { bookings, memberships, rooms, studios, users, workspaces } from "../../db/schema";
import { startStripeTestServer, type StripeTestServer } from "../../testing/stripe/stripe-test-server";
import { BookingPage } from "../pages/booking-pages";
import { usd } from "./bookings";
import { DEMO_PASSWORD, demo, expect, signInViaApi } from "./fixtures";
import { startAppServer } from "./app-server";
import { e2eNow } from "./clock";

export const WEBHOOK_SECRET = "whsec_e2e_stripe_app";

/**
 * A second app server, from the same production build, connected to a Stripe-compatible test server that runs
 * in this test process (its hosted Checkout and invoice pages are real HTTP pages the browser visits, and it
 * delivers signed webhooks to the app). It has its own embedded database, so Stripe-connected behaviour never
 * touches the main e2e server's data, and it runs the job loop every 2 seconds so invoices go out during a test.
 * `env` adds to (or overrides) its environment.
 */
export async function startStripeApp(port: number, env: Record<string, string> = {}) {
  const stripe: StripeTestServer = await startStripeTestServer({
    webhook: { url: `http://localhost:${port}/api/stripe/webhook`, secret: WEBHOOK_SECRET },
  });
  const app = await startAppServer({
    port,
    name: "Stripe-connected app",
    env: {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_BASE: stripe.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      JOBS_INTERVAL_SECONDS: "2",
      // On the clock of the project that runs the test, like the test's own data.
      LIVEBASE_CLOCK_OFFSET_MS: String(e2eNow().getTime() - Date.now()),
      // e.g. STRIPE_CONNECT: "on" for platform mode (e2e/payments-connect.spec.ts); single-operator otherwise.
      ...env,
    },
  });
  return {
    ...app,
    stripe,
    async stop() {
      await app.stop();
      await stripe.close();
    },
  };
}

const HOUR = 3_600_000;

/**
 * The steps of a paying creator's journey on a Stripe-connected app (single-operator or platform mode): a new
 * creator, a room of its own, a session that started 10 minutes ago (or one booked through the booking pages,
 * brought to its start), saving a card through the test server's Checkout, checking out.
 */
export function stripeJourneys(app: () => Awaited<ReturnType<typeof startStripeApp>>) {
  /** A new creator of `demo` on the Stripe-connected app (no history, no card). */
  async function newCreator() {
    const db = app().db();
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
    const email = `e2e-stripe-${randomUUID().slice(0, 8)}@example.test`;
    const [user] = await db
      .insert(users)
      .values({ email, name: "Stripe Tester", passwordHash: await hash(DEMO_PASSWORD) })
      .returning();
    await db.insert(memberships).values({ workspaceId: ws.id, userId: user.id, role: "creator" });
    return user;
  }

  /**
   * A room of its own in the LA studio (no peak rules, no turnover buffer): what a session there costs is known
   * exactly, and nothing an earlier test or run booked is in its way.
   */
  async function newRoom(hourlyRateCents = 4000) {
    const db = app().db();
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
    const [studio] = await db
      .select()
      .from(studios)
      .where(and(eq(studios.workspaceId, ws.id), eq(studios.name, "Los Angeles – Arts District")));
    const [room] = await db
      .insert(rooms)
      .values({
        workspaceId: ws.id,
        studioId: studio.id,
        name: `Stripe room ${randomUUID().slice(0, 6)}`,
        hourlyRateCents,
        stepMinutes: 30,
        minMinutes: 60,
        maxMinutes: 480,
        bufferMinutes: 0,
      })
      .returning();
    return room;
  }

  /** A room of its own in the LA studio, and a confirmed 2-hour session of the creator there that started 10 minutes ago. */
  async function sessionNow(creator: { id: string }) {
    const db = app().db();
    const room = await newRoom();
    const start = new Date(e2eNow().getTime() - 10 * 60_000);
    const [b] = await db
      .insert(bookings)
      .values({
        workspaceId: room.workspaceId,
        roomId: room.id,
        creatorId: creator.id,
        code: `ST${randomUUID().slice(0, 4).toUpperCase()}`,
        status: "confirmed",
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * HOUR),
        blockedUntil: new Date(start.getTime() + 2 * HOUR),
        quote: {
          currency: "USD",
          minutes: 120,
          subtotalCents: 8000,
          totalCents: 8000,
          lines: [
            {
              kind: "room_time",
              description: `${room.name}, 2 h`,
              quantity: 120,
              unitAmountCents: 4000,
              amountCents: 8000,
            },
          ],
        },
      })
      .returning();
    return { room, booking: b };
  }

  /**
   * Time moves on to a booked session: the app's clock is fixed when its server starts, so the booking is moved
   * instead (start, end and turnover by the same amount; its room, length, quote and status stay as booked) to
   * begin a minute ago, where staff can check it in and out at once. The only database write of a booked journey.
   */
  async function sessionBegins(bookingId: string) {
    const db = app().db();
    const [b] = await db.select().from(bookings).where(eq(bookings.id, bookingId));
    const by = e2eNow().getTime() - 60_000 - b.startsAt.getTime();
    const moved = (d: Date) => new Date(d.getTime() + by);
    await db
      .update(bookings)
      .set({ startsAt: moved(b.startsAt), endsAt: moved(b.endsAt), blockedUntil: moved(b.blockedUntil) })
      .where(eq(bookings.id, bookingId));
  }

  async function saveCard(page: Page, card: "4242" | "0341") {
    await page.goto("/w/demo/billing");
    await expect(page.getByText("No card on file. This studio needs one before you book.")).toBeVisible();
    await expect(page.getByText("Stripe is not connected.")).toHaveCount(0);
    await page.getByRole("button", { name: "Add a card" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${app().stripe.url}/checkout/`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.getByRole("radio", { name: new RegExp(`•••• ${card}`) }).check();
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page).toHaveURL(/\/w\/demo\/billing\?checkout=done/);
    await expect(page.getByText("Card saved.")).toBeVisible();
    await expect(page.getByText(`ending in ${card}`)).toBeVisible();
  }

  /** Staff check the session in and out on its booking page; `chargedCents` is what the check-out must charge. */
  async function checkOut(staffPage: Page, bookingId: string, chargedCents = 8000) {
    await signInViaApi(staffPage.request, demo("staff"));
    await new BookingPage(staffPage).goto("demo", bookingId);
    await staffPage.getByRole("button", { name: "Check in" }).click();
    await expect(staffPage.getByText("Checked in.").first()).toBeVisible();
    await staffPage.getByRole("button", { name: "Check out and charge" }).click();
    await expect(
      staffPage.getByText(`Checked out. ${usd(chargedCents)} was charged to the creator.`).first(),
    ).toBeVisible();
  }

  return { newCreator, newRoom, sessionNow, sessionBegins, saveCard, checkOut };
}
