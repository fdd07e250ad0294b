import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { memberships, rooms, studios, users, workspaces } from "../db/schema";
import { BookPage, BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { StudioForm, said } from "./pages/setup-pages";
import { DEMO_PASSWORD, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { startStripeApp } from "./support/stripe-app";

// Stripe Tax as a studio's rate source, on a Stripe-connected app (single-operator mode: the server's own account)
// against the Stripe test server, whose jurisdiction table gives New York 8.875 % where the account is registered.
const APP_PORT = Number(process.env.E2E_PORT ?? 3100) + 3;
const LA_STUDIO = "Los Angeles – Arts District";

test.use({ baseURL: `http://localhost:${APP_PORT}` });
test.describe.configure({ mode: "serial" });

let app: Awaited<ReturnType<typeof startStripeApp>>;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startStripeApp(APP_PORT);
  // No card needed to hold a slot here: this journey is about the price, not the card.
  const db = app.db();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  await db
    .update(workspaces)
    .set({ policies: { ...(ws.policies as object), cardOnFile: "not_required" } })
    .where(eq(workspaces.id, ws.id));
});
test.afterAll(async () => app?.stop());

test("an owner takes a studio's tax rate from Stripe Tax; a creator's price shows Stripe Tax's rate as its own line", async ({
  page,
  browser,
}) => {
  const stripe = app.stripe.client();
  const db = app.db();
  const [studio] = await db.select().from(studios).where(eq(studios.name, LA_STUDIO));
  await signInViaApi(page.request, demo("owner"), DEMO_PASSWORD);
  const details = new StudioForm(page.getByRole("form", { name: `Details of ${LA_STUDIO}` }));
  const form = details.form;

  await test.step("before Stripe Tax is set up on the account, saving is refused with Stripe's reason, keeping what was typed", async () => {
    await page.goto(`/w/demo/setup/studios/${studio.id}`);
    await form.getByLabel("Prices and tax").selectOption("exclusive");
    await form.getByLabel("Tax rate from").selectOption("stripe");
    await form.getByLabel("Street").fill("10 Hudson Yards");
    await form.getByLabel("City").fill("New York");
    await form.getByLabel("State or region").fill("New York");
    await form.getByLabel("Postal code").fill("10001");
    await form.getByLabel("Country").fill("US");
    await details.submit();
    await expect(form.getByText("Enter the state as two letters, like CA")).toBeVisible();
    await expect(form.getByLabel("City")).toHaveValue("New York");
    await expect(form.getByLabel("Tax rate from")).toHaveValue("stripe");
    await form.getByLabel("State or region").fill("NY");
    await details.submit();
    await expect(form.getByText(/Stripe Tax could not give a rate for this address/)).toBeVisible();
    await expect(form.getByLabel("Postal code")).toHaveValue("10001");
    await expectAccessible(page);
    const [unchanged] = await db.select().from(studios).where(eq(studios.id, studio.id));
    expect(unchanged.taxSource).toBe("studio");
  });

  await test.step("with a head office and a New York registration at Stripe, the studio takes Stripe Tax's rate", async () => {
    await stripe.tax.settings.update({
      head_office: {
        address: { line1: "10 Hudson Yards", city: "New York", state: "NY", postal_code: "10001", country: "US" },
      },
    });
    await stripe.tax.registrations.create({
      country: "US",
      country_options: { us: { state: "NY", type: "state_sales_tax" } },
      active_from: "now",
    });
    await details.submit();
    await expect(said(page, "Studio saved.")).toBeVisible();
    await expect(page.getByTestId("stripe-tax-status")).toContainText(
      "Stripe Tax charges NY sales tax 8.875 % at this address",
    );
    await expect(form.getByLabel("Tax rate from")).toHaveValue("stripe");
    await expect(form.getByLabel("State or region")).toHaveValue("NY");
    await expectAccessible(page);
  });

  // A room of its own in the studio ($100/h) and a new creator, so the price is known to the cent.
  const roomName = `Set ST ${randomUUID().slice(0, 4)}`;
  await db.insert(rooms).values({
    workspaceId: studio.workspaceId,
    studioId: studio.id,
    name: roomName,
    hourlyRateCents: 10_000,
    stepMinutes: 30,
    minMinutes: 60,
    maxMinutes: 240,
    bufferMinutes: 0,
  });
  const email = `e2e-stripe-tax-${randomUUID().slice(0, 8)}@example.test`;
  const [creator] = await db
    .insert(users)
    .values({ email, name: "Tax Tester", passwordHash: await hash(DEMO_PASSWORD) })
    .returning();
  await db.insert(memberships).values({ workspaceId: studio.workspaceId, userId: creator.id, role: "creator" });

  const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}` });
  try {
    const creatorPage = await context.newPage();
    await signInViaApi(creatorPage.request, email, DEMO_PASSWORD);
    await test.step("the creator holds a slot: Stripe Tax's rate is the tax line of the price", async () => {
      const book = new BookPage(creatorPage);
      await book.goto("demo");
      await book.openRoom(LA_STUDIO, roomName);
      const week = new RoomWeekPage(creatorPage);
      await week.chooseLength("1 h", 60);
      await week.pickFreeSlotLateInWeek();
      await week.hold.click();
      const booking = new BookingPage(creatorPage);
      await expect(booking.price).toBeVisible();
      expect(await booking.priceLines()).toEqual([
        { item: expect.stringContaining(roomName), cents: 10_000 },
        { item: "Subtotal", cents: 10_000 },
        { item: "NY sales tax 8.875 %", cents: 888 },
        { item: "Total", cents: 10_888 },
      ]);
      await expectAccessible(creatorPage);
    });
  } finally {
    await context.close();
  }
});
