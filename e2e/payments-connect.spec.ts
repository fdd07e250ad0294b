import { DEMO_PASSWORD, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { startStripeApp } from "./support/stripe-app";

// Platform mode (STRIPE_CONNECT=on): an owner connects the workspace to its own Stripe account through the Stripe
// test server's hosted onboarding pages. A second app server of its own (see startStripeApp), on the next port but
// one after the main server's (the Stripe-connected billing journeys use the next).
const APP_PORT = Number(process.env.E2E_PORT ?? 3100) + 2;

test.use({ baseURL: `http://localhost:${APP_PORT}` });
test.describe.configure({ mode: "serial" });

let app: Awaited<ReturnType<typeof startStripeApp>>;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  app = await startStripeApp(APP_PORT, { STRIPE_CONNECT: "on" });
});
test.afterAll(async () => app?.stop());

test("an owner connects the workspace to Stripe, finishes onboarding and comes back with charges enabled", async ({ page }) => {
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
  await expect.poll(() => app.stripe.deliveries.filter((d) => app.stripe.events.find((e) => e.id === d.eventId)?.type === "account.updated").map((d) => d.status)).toContain(200);

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

test("a manager gets the not-found page for Payments and no link to it", async ({ page }) => {
  await signInViaApi(page.request, demo("manager"), DEMO_PASSWORD);
  const response = await page.goto("/w/demo/settings/payments");
  expect(response?.status()).toBe(404);
  await page.goto("/w/demo");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Payments" })).toHaveCount(0);
  expect((await page.request.get("/w/demo/settings/payments/return", { maxRedirects: 0 })).status()).toBe(404);
});
