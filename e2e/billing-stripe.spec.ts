import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import { bookings, memberships, rooms, studios, users, workspaces } from "../db/schema";
import { BookingPage } from "./pages/booking-pages";
import { usd } from "./support/bookings";
import { DEMO_PASSWORD, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { startStripeApp } from "./support/stripe-app";
import { e2eNow } from "./support/clock";

const APP_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const HOUR = 3_600_000;

// These journeys run on a second app server connected to the Stripe-compatible test server (see startStripeApp).
test.use({ baseURL: `http://localhost:${APP_PORT}` });
test.describe.configure({ mode: "serial" });

let app: Awaited<ReturnType<typeof startStripeApp>>;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startStripeApp(APP_PORT);
  // Invoice at once, so the job loop sends the session's invoice during the test.
  await app.db().update(workspaces).set({ policies: { invoiceDelayMinutes: 0 } }).where(eq(workspaces.slug, "demo"));
});
test.afterAll(async () => app?.stop());

/** A new creator of `demo` on the Stripe-connected app (no history, no card). */
async function newCreator() {
  const db = app.db();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  const email = `e2e-stripe-${randomUUID().slice(0, 8)}@example.test`;
  const [user] = await db.insert(users).values({ email, name: "Stripe Tester", passwordHash: await hash(DEMO_PASSWORD) }).returning();
  await db.insert(memberships).values({ workspaceId: ws.id, userId: user.id, role: "creator" });
  return user;
}

/** A room of its own in the LA studio, and a confirmed 2-hour session of the creator there that started 10 minutes ago. */
async function sessionNow(creator: { id: string }) {
  const db = app.db();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  const [studio] = await db.select().from(studios).where(and(eq(studios.workspaceId, ws.id), eq(studios.name, "Los Angeles – Arts District")));
  const name = `Stripe room ${randomUUID().slice(0, 6)}`;
  const [room] = await db.insert(rooms).values({ workspaceId: ws.id, studioId: studio.id, name, hourlyRateCents: 4000, stepMinutes: 30, minMinutes: 60, maxMinutes: 480, bufferMinutes: 0 }).returning();
  const start = new Date(e2eNow().getTime() - 10 * 60_000);
  const [b] = await db
    .insert(bookings)
    .values({
      workspaceId: ws.id,
      roomId: room.id,
      creatorId: creator.id,
      code: `ST${randomUUID().slice(0, 4).toUpperCase()}`,
      status: "confirmed",
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * HOUR),
      blockedUntil: new Date(start.getTime() + 2 * HOUR),
      quote: { currency: "USD", minutes: 120, subtotalCents: 8000, totalCents: 8000, lines: [{ kind: "room_time", description: `${name}, 2 h`, quantity: 120, unitAmountCents: 4000, amountCents: 8000 }] },
    })
    .returning();
  return { room, booking: b };
}

async function saveCard(page: import("@playwright/test").Page, card: "4242" | "0341") {
  await page.goto("/w/demo/billing");
  await expect(page.getByText("No card on file. This studio needs one before you book.")).toBeVisible();
  await expect(page.getByText("Stripe is not connected.")).toHaveCount(0);
  await page.getByRole("button", { name: "Add a card" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${app.stripe.url}/checkout/`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("radio", { name: new RegExp(`•••• ${card}`) }).check();
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/billing\?checkout=done/);
  await expect(page.getByText("Card saved.")).toBeVisible();
  await expect(page.getByText(`ending in ${card}`)).toBeVisible();
}

async function checkOut(staffPage: import("@playwright/test").Page, bookingId: string) {
  await signInViaApi(staffPage.request, demo("staff"));
  await new BookingPage(staffPage).goto("demo", bookingId);
  await staffPage.getByRole("button", { name: "Check in" }).click();
  await expect(staffPage.getByText("Checked in.").first()).toBeVisible();
  await staffPage.getByRole("button", { name: "Check out and charge" }).click();
  await expect(staffPage.getByText(`Checked out. ${usd(8000)} was charged to the creator.`).first()).toBeVisible();
}

test("a creator saves a card through Stripe Checkout; the next session is invoiced and paid with it", async ({ browser }) => {
  const creatorCtx = await browser.newContext();
  const staffCtx = await browser.newContext();
  try {
    const page = await creatorCtx.newPage();
    const creator = await newCreator();
    await signInViaApi(page.request, creator.email);
    await saveCard(page, "4242");
    await expectAccessible(page);

    const { booking } = await sessionNow(creator);
    await checkOut(await staffCtx.newPage(), booking.id);

    const invoices = page.getByRole("table", { name: "Your invoices" });
    await expect(async () => {
      await page.reload();
      await expect(invoices.getByRole("row").filter({ hasText: booking.code })).toContainText("Paid", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    const row = invoices.getByRole("row").filter({ hasText: booking.code });
    await expect(row).toContainText(usd(8000));
    await expect(row.getByRole("link", { name: "View invoice" })).toHaveAttribute("href", new RegExp(`^${app.stripe.url}/invoice/in_`));
    await expect(row.getByRole("link", { name: "PDF" })).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("Nothing owed");
  } finally {
    await Promise.all([creatorCtx.close(), staffCtx.close()]);
  }
});

test("a declined card fails the invoice and holds new bookings until the creator pays it on Stripe's page", async ({ browser }) => {
  const creatorCtx = await browser.newContext();
  const staffCtx = await browser.newContext();
  try {
    const page = await creatorCtx.newPage();
    const creator = await newCreator();
    await signInViaApi(page.request, creator.email);
    await saveCard(page, "0341");
    const { booking } = await sessionNow(creator);
    await checkOut(await staffCtx.newPage(), booking.id);

    const failed = page.getByRole("alert").filter({ hasText: "A payment failed." });
    await expect(async () => {
      await page.reload();
      await expect(failed).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(failed).toContainText("New bookings are on hold until it is settled.");
    await expectAccessible(page);

    // The link opens Stripe's hosted invoice page in a new tab; follow it here.
    const pay = failed.getByRole("link", { name: `Pay ${usd(8000)} (Session ${booking.code}` });
    await page.goto((await pay.getAttribute("href"))!);
    await page.getByRole("button", { name: /^Pay / }).click();
    // Stripe's page itself says the invoice is paid (an error page's "cannot be paid" must not pass for it).
    await expect(page.getByText("Status: paid", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);

    // Stripe's invoice.paid webhook reaches the app: the failure is gone.
    await page.goto("/w/demo/billing");
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("table", { name: "Your invoices" }).getByRole("row").filter({ hasText: booking.code })).toContainText("Paid", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(failed).toHaveCount(0);
  } finally {
    await Promise.all([creatorCtx.close(), staffCtx.close()]);
  }
});
