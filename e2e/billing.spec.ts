import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { bookings, rooms, studios, users, workspaces } from "../db/schema";
import { BookingPage } from "./pages/booking-pages";
import { ReportsPage } from "./pages/reports-pages";
import { usd } from "./support/bookings";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";

const HOUR = 3_600_000;

/**
 * A room of its own in the demo's Los Angeles studio (staff@demo works there), so this journey never collides with
 * another test's bookings, and bookings of creator@demo in it, written straight to the database: one that started
 * 10 minutes ago (to check in) and one 3 hours ahead (to cancel late). Stripe is not connected on the e2e server.
 */
async function world() {
  const db = e2eDb();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  const [studio] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.workspaceId, ws.id), eq(studios.name, "Los Angeles – Arts District")));
  const [creator] = await db
    .select()
    .from(users)
    .where(eq(users.email, demo("creator")));
  const name = `Billing room ${randomUUID().slice(0, 6)}`;
  const [room] = await db
    .insert(rooms)
    .values({
      workspaceId: ws.id,
      studioId: studio.id,
      name,
      hourlyRateCents: 5000,
      stepMinutes: 30,
      minMinutes: 60,
      maxMinutes: 480,
      bufferMinutes: 0,
    })
    .returning();
  const book = async (start: Date, hours: number, totalCents: number) => {
    const [b] = await db
      .insert(bookings)
      .values({
        workspaceId: ws.id,
        roomId: room.id,
        creatorId: creator.id,
        code: `BL${randomUUID().slice(0, 4).toUpperCase()}`,
        status: "confirmed",
        startsAt: start,
        endsAt: new Date(start.getTime() + hours * HOUR),
        blockedUntil: new Date(start.getTime() + hours * HOUR),
        quote: {
          currency: "USD",
          minutes: hours * 60,
          subtotalCents: totalCents,
          totalCents,
          lines: [
            {
              kind: "room_time",
              description: `${name}, ${hours} h`,
              quantity: hours * 60,
              unitAmountCents: 5000,
              amountCents: totalCents,
            },
          ],
        },
      })
      .returning();
    return b;
  };
  const now = e2eNow().getTime();
  const session = await book(new Date(now - 10 * 60_000), 2, 10_000);
  const later = await book(new Date(now + 3 * HOUR), 2, 10_000);
  return { room, session, later };
}

test("without Stripe: a session checked out and a late cancellation show on the creator's billing page and in the manager's revenue", async ({
  browser,
}) => {
  const { room, session, later } = await world();
  // One context per person (axe needs pages made through a context).
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [staff, creator, manager] = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    await test.step("staff check the creator in, then out: the session is charged", async () => {
      await signInViaApi(staff.request, demo("staff"));
      const booking = new BookingPage(staff);
      await booking.goto("demo", session.id);
      await expect(staff.getByRole("heading", { name: "Front desk" })).toBeVisible();
      // The seeded history leaves Chloe owing for an earlier session: staff see it before they start.
      await expect(staff.getByText(/^Chloe Creator’s outstanding balance: \$/)).toBeVisible();
      await staff.getByRole("button", { name: "Check in" }).click();
      await expect(staff.getByText("Checked in.").first()).toBeVisible();
      await staff.getByRole("button", { name: "Check out and charge" }).click();
      await expect(staff.getByText(`Checked out. ${usd(10_000)} was charged to the creator.`).first()).toBeVisible();
      await booking.expectStatus(room.name, "completed");
    });

    await test.step("the creator cancels the other booking 3 hours ahead and pays the late fee", async () => {
      await signInViaApi(creator.request, demo("creator"));
      const booking = new BookingPage(creator);
      await booking.goto("demo", later.id);
      const yes = await booking.openCancel();
      await yes.click();
      await expect(
        creator.getByText(`Booking cancelled. A late-cancellation fee of ${usd(5000)} was charged.`),
      ).toBeVisible();
    });

    await test.step("both charges are on the creator's billing page, which says Stripe is not connected", async () => {
      await creator.goto("/w/demo/billing");
      await expect(creator.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
      await expect(creator.getByText("Stripe is not connected.")).toBeVisible();
      const upcoming = creator.getByRole("table", { name: "Upcoming charges, not yet invoiced" });
      await expect(upcoming.getByRole("row").filter({ hasText: session.code })).toContainText(usd(10_000));
      await expect(upcoming.getByRole("row").filter({ hasText: `Late cancellation of ${room.name}` })).toContainText(
        usd(5000),
      );
      await expect(creator.getByRole("button", { name: "Add a card" })).toHaveCount(0);
      await expectAccessible(creator);
    });

    await test.step("the manager sees them in the revenue report, under the room", async () => {
      await signInViaApi(manager.request, demo("manager"));
      await manager.goto("/w/demo/reports");
      const reports = new ReportsPage(manager);
      await expect(reports.heading).toBeVisible();
      const row = reports.revenue.getByRole("row").filter({ hasText: room.name });
      await expect(row.first()).toContainText(usd(15_000));
    });

    await test.step("the manager sees the creator's balance and charges, and voids the fee with a reason", async () => {
      await manager.goto("/w/demo/billing");
      await manager.getByRole("link", { name: "Chloe Creator" }).first().click();
      await expect(manager.getByRole("heading", { level: 1 })).toBeVisible();
      const fee = manager.getByRole("row").filter({ hasText: `Late cancellation of ${room.name}` });
      await fee.getByText("Void…").click();
      await fee.getByRole("button", { name: "Void charge" }).click();
      await expect(fee.getByText("Say why (at least 3 characters)")).toBeVisible(); // the form says what is missing
      await fee.getByLabel(/^Why void/).fill("Cancelled because the studio moved the session");
      await fee.getByRole("button", { name: "Void charge" }).click();
      await expect(manager.getByText(`Voided ${usd(5000)}.`).first()).toBeVisible();
      await expectAccessible(manager);
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("a creator checks themselves out of a session in progress and sees it charged", async ({ page }) => {
  const { session } = await world();
  await e2eDb()
    .update(bookings)
    .set({ status: "checked_in", checkedInAt: session.startsAt })
    .where(eq(bookings.id, session.id));
  await signInViaApi(page.request, demo("creator"));
  await new BookingPage(page).goto("demo", session.id);
  await expect(page.getByRole("heading", { name: "Session in progress" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Check out now" }).click();
  await expect(page.getByText(`Checked out. ${usd(10_000)} will be charged.`).first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("completed");
});

test("a staff member sees no billing screens; a creator cannot open the manager's view of another creator", async ({
  page,
}) => {
  await signInViaApi(page.request, demo("staff"));
  expect((await page.goto("/w/demo/billing"))?.status()).toBe(404);
  await page.context().clearCookies();
  await signInViaApi(page.request, demo("creator"));
  const [other] = await e2eDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demo("creator2")));
  expect((await page.goto(`/w/demo/billing/creators/${other.id}`))?.status()).toBe(404);
});
