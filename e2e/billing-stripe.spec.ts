import { eq } from "drizzle-orm";
import { workspaces } from "../db/schema";
import { usd } from "./support/bookings";
import { expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { startStripeApp, stripeJourneys } from "./support/stripe-app";

const APP_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;

// These journeys run on a second app server connected to the Stripe-compatible test server (see startStripeApp).
test.use({ baseURL: `http://localhost:${APP_PORT}` });
test.describe.configure({ mode: "serial" });

let app: Awaited<ReturnType<typeof startStripeApp>>;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startStripeApp(APP_PORT);
  // Invoice at once, so the job loop sends the session's invoice during the test.
  await app
    .db()
    .update(workspaces)
    .set({ policies: { invoiceDelayMinutes: 0 } })
    .where(eq(workspaces.slug, "demo"));
});
test.afterAll(async () => app?.stop());

const { newCreator, sessionNow, saveCard, checkOut } = stripeJourneys(() => app);

test("a creator saves a card through Stripe Checkout; the next session is invoiced and paid with it", async ({
  browser,
}) => {
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
      await expect(invoices.getByRole("row").filter({ hasText: booking.code })).toContainText("Paid", {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });
    const row = invoices.getByRole("row").filter({ hasText: booking.code });
    await expect(row).toContainText(usd(8000));
    await expect(row.getByRole("link", { name: "View invoice" })).toHaveAttribute(
      "href",
      new RegExp(`^${app.stripe.url}/invoice/in_`),
    );
    await expect(row.getByRole("link", { name: "PDF" })).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveText("Nothing owed");
  } finally {
    await Promise.all([creatorCtx.close(), staffCtx.close()]);
  }
});

test("a declined card fails the invoice and holds new bookings until the creator pays it on Stripe's page", async ({
  browser,
}) => {
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
      await expect(
        page.getByRole("table", { name: "Your invoices" }).getByRole("row").filter({ hasText: booking.code }),
      ).toContainText("Paid", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(failed).toHaveCount(0);
  } finally {
    await Promise.all([creatorCtx.close(), staffCtx.close()]);
  }
});
