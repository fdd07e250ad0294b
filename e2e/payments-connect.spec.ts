import { eq } from "drizzle-orm";
import { bookings, workspaces } from "../db/schema";
import { BookPage, BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { WorkspaceShell } from "./pages/workspace-pages";
import { LA, cents, studioClock, studioRange, usd } from "./support/bookings";
import { e2eNow } from "./support/clock";
import { DEMO_PASSWORD, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { startStripeApp, stripeJourneys } from "./support/stripe-app";

// Platform mode (STRIPE_CONNECT=on): an owner connects the workspace to its own Stripe account through the Stripe
// test server's hosted onboarding pages. A second app server of its own (see startStripeApp), on the next port but
// one after the main server's (the Stripe-connected billing journeys use the next).
const APP_PORT = Number(process.env.E2E_PORT ?? 3100) + 2;

test.use({ baseURL: `http://localhost:${APP_PORT}` });
test.describe.configure({ mode: "serial" });

let app: Awaited<ReturnType<typeof startStripeApp>>;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startStripeApp(APP_PORT, { STRIPE_CONNECT: "on", PLATFORM_FEE_PERCENT: "5" });
  // Invoice at once, so the job loop sends the session's invoice during the test.
  await app
    .db()
    .update(workspaces)
    .set({ policies: { invoiceDelayMinutes: 0 } })
    .where(eq(workspaces.slug, "demo"));
});
test.afterAll(async () => app?.stop());

test("an owner connects the workspace to Stripe, finishes onboarding and comes back with charges enabled", async ({
  page,
}) => {
  await signInViaApi(page.request, demo("owner"), DEMO_PASSWORD);
  await page.goto("/w/demo");
  await page.getByRole("navigation").getByRole("link", { name: "Payments" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expect(page.getByText("Not connected", { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Connect with Stripe" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${app.stripe.url}/connect/onboarding/`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up payments for Demo Live Studios");
  // Leaving without submitting: the page lists what Stripe still needs, in words, and offers to continue.
  await page.getByRole("link", { name: "Return without submitting" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/settings\/payments\?from-stripe=back$/);
  await expect(page.getByText("Details needed", { exact: true })).toBeVisible();
  const needs = page.getByRole("list", { name: "What Stripe still needs" });
  await expect(needs.getByRole("listitem").filter({ hasText: "A bank account for payouts" })).toBeVisible();
  await expect(page.getByText("Charges not enabled yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Open the Stripe dashboard" })).toHaveCount(0);
  // Until then, nothing is charged: creators book without a card and invoices wait.
  await expect(
    page.getByRole("main").getByText(/Until Stripe enables charges,.*creators can book without a card/),
  ).toBeVisible();
  await expect(page.getByTestId("platform-fee")).toHaveText("5 %");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Continue onboarding" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${app.stripe.url}/connect/onboarding/`));
  await page.getByRole("button", { name: "Submit details" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/settings\/payments\?from-stripe=back$/);
  await expect(page.getByText("Back from Stripe: this is where the account stands now.")).toBeVisible();
  await expect(page.getByText("Connected to Stripe", { exact: true })).toBeVisible();
  await expect(page.getByText("Charges enabled", { exact: true })).toBeVisible();
  await expect(page.getByText("Payouts enabled", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "What Stripe still needs" })).toHaveCount(0);
  await expectAccessible(page);

  // Stripe's account.updated reached the app's webhook too (signed, with `account` set).
  await expect
    .poll(() =>
      app.stripe.deliveries
        .filter((d) => app.stripe.events.find((e) => e.id === d.eventId)?.type === "account.updated")
        .map((d) => d.status),
    )
    .toContain(200);

  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByText("Read from Stripe just now.")).toBeVisible();

  await page.getByRole("button", { name: "Open the Stripe dashboard" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${app.stripe.url}/connect/express/`));
  await expect(page.getByText("Payouts enabled.")).toBeVisible();

  // Stripe's refresh_url (a used or expired link): a new onboarding link, straight away.
  await page.goto("/w/demo/settings/payments/refresh");
  await expect(page).toHaveURL(new RegExp(`^${app.stripe.url}/connect/onboarding/`));
  await expect(page.getByText("Nothing is due.")).toBeVisible();
});

const { newCreator, newRoom, sessionBegins, saveCard, checkOut } = stripeJourneys(() => app);

const STUDIO = /^Los Angeles – Arts District/;
// A 2-hour session at $80.00 an hour in Los Angeles: $160.00 of room time, CA sales tax 9.5 % on top ($15.20),
// $175.20 in all. The platform's 5 % is of what the studio earns, never of the tax: $8.00 (of the total it would
// be $8.76). A credit of a quarter of the room time ($40.00, refunded with its tax: $43.80, a quarter of the
// payment) gives back a quarter of the fee: $2.00. Amounts chosen so that no rounding hides a wrong base.
const RATE = 8000;
const ROOM_TIME = 16000;
const TAX = 1520;
const TOTAL = 17520;
const FEE = 800;
const CREDIT = 4000;
const REFUND = 4380;
const FEE_BACK = 200;

test("a creator adds a card on the connected account, books, pays it with the platform fee; the owner sees gross, fee and net, and a credit returns the fee in proportion", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const creatorCtx = await browser.newContext();
  const staffCtx = await browser.newContext();
  const ownerCtx = await browser.newContext();
  try {
    const page = await creatorCtx.newPage();
    const creator = await newCreator();
    const room = await newRoom(RATE);
    await signInViaApi(page.request, creator.email);
    const [account] = [...app.stripe.objects.accounts.values()];
    const book = new BookPage(page);
    const week = new RoomWeekPage(page);
    const booking = new BookingPage(page);
    /** From Book a set to the room's earliest free 2-hour start, held: the creator's own way in. */
    const holdEarliest = async () => {
      const shell = new WorkspaceShell(page);
      await shell.goto("demo");
      await shell.nav.getByRole("link", { name: "Book a set" }).click();
      await expect(book.heading).toBeVisible();
      await book.openRoom(STUDIO, room.name);
      await week.chooseLength("2 h", 120);
      const slot = await week.pickEarliestFreeSlot();
      await week.hold.click();
      return slot;
    };

    await test.step("without a card on the connected account, the booking form refuses the hold", async () => {
      await holdEarliest();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(
        "Add a card on the Billing page before booking.",
      );
      await expect(week.heading).toHaveText(room.name);
      const held = await app.db().select().from(bookings).where(eq(bookings.creatorId, creator.id));
      expect(held).toHaveLength(0);
    });

    const customerId =
      await test.step("the creator adds a card: it lives on the workspace's connected account", async () => {
        await saveCard(page, "4242");
        const customers = [...app.stripe.objects.customers.values()].filter((c) => c.email === creator.email);
        expect(customers).toHaveLength(1);
        const onAccount = await app.stripe
          .client()
          .customers.retrieve(customers[0].id, {}, { stripeAccount: account.id });
        expect(onAccount.id).toBe(customers[0].id);
        return customers[0].id;
      });

    const made =
      await test.step("the creator books the earliest free 2 hours and confirms at the quoted price", async () => {
        const slot = await holdEarliest();
        await booking.expectStatus(room.name, "held");
        await expect(page.getByRole("main")).toContainText(studioRange(slot, LA));
        expect(await booking.priceLines()).toEqual([
          { item: expect.stringContaining(`${room.name}, ${studioClock(slot.startsAt, LA).time}–`), cents: ROOM_TIME },
          { item: "Subtotal", cents: ROOM_TIME },
          { item: "CA sales tax 9.5 %", cents: TAX },
          { item: "Total", cents: TOTAL },
        ]);
        await booking.confirm.click();
        await booking.expectStatus(room.name, "confirmed");
        const code = ((await booking.code.textContent()) ?? "").trim();
        await expect(page.getByText(`Booked. Your code is ${code};`)).toBeVisible();
        const id = new URL(page.url()).pathname.split("/").at(-1)!;
        return { id, code };
      });

    const owner = await ownerCtx.newPage();
    await signInViaApi(owner.request, demo("owner"));
    /** The Los Angeles row of this month in Gross, platform fee and net, in cents (zeros while there is none). */
    const month = new Intl.DateTimeFormat("en-CA", { timeZone: LA, year: "numeric", month: "2-digit" })
      .format(e2eNow())
      .slice(0, 7);
    const feeRow = async () => {
      await owner.goto(`/w/demo/reports?from=${month}&to=${month}`);
      const section = owner.getByRole("region", { name: /^Gross, platform fee and net, / });
      await expect(section).toBeVisible();
      const row = section
        .getByRole("table", { name: "Gross, platform fee and net per studio and month" })
        .getByRole("row")
        .filter({ hasText: "Los Angeles" });
      if ((await row.count()) === 0) return { gross: 0, fee: 0, net: 0 };
      const [, , , gross, fee, net] = await row.getByRole("cell").allTextContents();
      return { gross: cents(gross), fee: cents(fee), net: cents(net) };
    };
    // What Los Angeles had earned this month before the session (the demo's own history); no platform fee yet.
    const before = await feeRow();
    expect(before.fee).toBe(0);

    await test.step("the session begins; staff check it in and out, charging the booked price", async () => {
      // The journey's one database shortcut (the creator and the room are this spec's world, made like every
      // spec's): time moves on to the booked session's start, which the app's clock cannot (see sessionBegins).
      await sessionBegins(made.id);
      await checkOut(await staffCtx.newPage(), made.id, TOTAL);
    });

    await test.step("the invoice is paid on the connected account, with the platform's 5 %", async () => {
      const invoices = page.getByRole("table", { name: "Your invoices" });
      await page.goto("/w/demo/billing");
      await expect(async () => {
        await page.reload();
        await expect(invoices.getByRole("row").filter({ hasText: made.code })).toContainText("Paid", {
          timeout: 1000,
        });
      }).toPass({ timeout: 30_000 });
      await expect(invoices.getByRole("row").filter({ hasText: made.code })).toContainText(usd(TOTAL));
      // The invoice is the connected account's (the platform cannot even read it), for the booked total.
      const stripe = app.stripe.client();
      const invoice = (await stripe.invoices.list({ customer: customerId }, { stripeAccount: account.id })).data;
      expect(invoice.map((i) => [i.status, i.total])).toEqual([["paid", TOTAL]]);
      await expect(stripe.invoices.retrieve(invoice[0].id)).rejects.toMatchObject({ statusCode: 404 });
      const fees = (await stripe.applicationFees.list({ limit: 100 })).data;
      expect(fees.map((f) => [f.account, f.amount])).toEqual([[account.id, FEE]]);
    });

    await test.step("the owner sees gross, platform fee and net for Los Angeles", async () => {
      const after = { gross: before.gross + ROOM_TIME, fee: FEE, net: before.gross + ROOM_TIME - FEE };
      await expect(async () => expect(await feeRow()).toEqual(after)).toPass({ timeout: 20_000 });
      await expectAccessible(owner);
    });

    await test.step("a credit of a quarter of the room time refunds the card and a quarter of the fee", async () => {
      await owner.goto(`/w/demo/billing/creators/${creator.id}`);
      const charge = owner.getByRole("row").filter({ hasText: "Room time" }).first();
      await charge.getByText("Credit…").click();
      await charge.getByLabel(/Amount to credit on/).fill(String(CREDIT / 100));
      await charge.getByLabel("Reason").fill("The lights failed for half an hour");
      await charge.getByRole("button", { name: "Credit" }).click();
      await expect(
        owner
          .getByRole("main")
          .getByText(/Credited/)
          .first(),
      ).toBeVisible();
      const invoices = page.getByRole("table", { name: "Your invoices" });
      await expect(async () => {
        await page.reload();
        await expect(invoices.getByRole("row").filter({ hasText: made.code })).toContainText(
          `Refunded ${usd(REFUND)}`,
          {
            timeout: 1000,
          },
        );
      }).toPass({ timeout: 30_000 });
      const [fee] = (await app.stripe.client().applicationFees.list({ limit: 100 })).data;
      expect([fee.account, fee.amount, fee.amount_refunded]).toEqual([account.id, FEE, FEE_BACK]);
      const after = {
        gross: before.gross + ROOM_TIME - CREDIT,
        fee: FEE - FEE_BACK,
        net: before.gross + ROOM_TIME - CREDIT - (FEE - FEE_BACK),
      };
      await expect(async () => expect(await feeRow()).toEqual(after)).toPass({ timeout: 20_000 });
    });
  } finally {
    await Promise.all([creatorCtx.close(), staffCtx.close(), ownerCtx.close()]);
  }
});

test("a manager gets the not-found page for Payments and no link to it", async ({ page }) => {
  await signInViaApi(page.request, demo("manager"), DEMO_PASSWORD);
  const response = await page.goto("/w/demo/settings/payments");
  expect(response?.status()).toBe(404);
  await page.goto("/w/demo");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Payments" })).toHaveCount(0);
  expect((await page.request.get("/w/demo/settings/payments/return", { maxRedirects: 0 })).status()).toBe(404);
});
