import { eq } from "drizzle-orm";
import { workspaces } from "../db/schema";
import { usd } from "./support/bookings";
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

const { newCreator, sessionNow, saveCard, checkOut } = stripeJourneys(() => app);

test("a creator pays the connected account; the owner sees gross, platform fee and net, and a credit returns the fee in proportion", async ({
  browser,
}) => {
  const creatorCtx = await browser.newContext();
  const staffCtx = await browser.newContext();
  const ownerCtx = await browser.newContext();
  try {
    const page = await creatorCtx.newPage();
    const creator = await newCreator();
    await signInViaApi(page.request, creator.email);
    await saveCard(page, "4242");
    const [account] = [...app.stripe.objects.accounts.values()];
    // The card lives on the workspace's connected account, not on the platform's.
    const customers = [...app.stripe.objects.customers.values()].filter((c) => c.email === creator.email);
    expect(customers).toHaveLength(1);
    expect((await app.stripe.client().customers.retrieve(customers[0].id, {}, { stripeAccount: account.id })).id).toBe(
      customers[0].id,
    );

    const { booking } = await sessionNow(creator);
    await checkOut(await staffCtx.newPage(), booking.id);
    const invoices = page.getByRole("table", { name: "Your invoices" });
    await expect(async () => {
      await page.reload();
      await expect(invoices.getByRole("row").filter({ hasText: booking.code })).toContainText("Paid", {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });
    // Paid on the connected account, with the platform's 5 %: $4.00 of $80.00.
    const fees = (await app.stripe.client().applicationFees.list({ limit: 100 })).data.filter(
      (f) => f.account === account.id,
    );
    expect(fees.map((f) => f.amount)).toEqual([400]);

    const owner = await ownerCtx.newPage();
    await signInViaApi(owner.request, demo("owner"));
    const feeRow = async () => {
      await owner.goto("/w/demo/reports");
      const table = owner.getByRole("table", { name: "Gross, platform fee and net per studio and month" });
      return table.getByRole("row").filter({ hasText: "Los Angeles" }).last();
    };
    await expect(async () => expect(await feeRow()).toContainText(usd(400), { timeout: 1000 })).toPass({
      timeout: 20_000,
    });
    await expectAccessible(owner);

    // A $20 credit (a quarter of the session) refunds the card and returns a quarter of the fee: $1.00.
    await owner.goto(`/w/demo/billing/creators/${creator.id}`);
    const charge = owner.getByRole("row").filter({ hasText: "Room time" }).first();
    await charge.getByText("Credit…").click();
    await charge.getByLabel(/Amount to credit on/).fill("20");
    await charge.getByLabel("Reason").fill("The lights failed for half an hour");
    await charge.getByRole("button", { name: "Credit" }).click();
    await expect(
      owner
        .getByRole("main")
        .getByText(/Credited/)
        .first(),
    ).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(invoices.getByRole("row").filter({ hasText: booking.code })).toContainText(`Refunded ${usd(2000)}`, {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });
    const fee = await app.stripe.client().applicationFees.retrieve(fees[0].id);
    expect([fee.amount, fee.amount_refunded]).toEqual([400, 100]);
    await expect(async () => expect(await feeRow()).toContainText(usd(300), { timeout: 1000 })).toPass({
      timeout: 20_000,
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
