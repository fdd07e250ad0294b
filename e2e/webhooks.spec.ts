import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { and, eq, like } from "drizzle-orm";
import { memberships, users, webhookEndpoints } from "../db/schema";
import { verifySignature } from "../lib/webhooks/sign";
import { startReceiver, type Receiver } from "../testing/webhooks/receiver";
import { DeliveryLogPage, WebhooksPage } from "./pages/webhook-pages";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";

const DESCRIPTION_PREFIX = "E2E receiver";

/** Endpoints this spec left behind in an earlier run that stopped half-way (the database is reused locally). */
async function removeLeftoverEndpoints() {
  const db = e2eDb();
  const [brand] = await db
    .select({ brandId: memberships.brandId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, demo("brand")));
  if (brand?.brandId)
    await db
      .delete(webhookEndpoints)
      .where(
        and(eq(webhookEndpoints.brandId, brand.brandId), like(webhookEndpoints.description, `${DESCRIPTION_PREFIX}%`)),
      );
}

async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth + 1);
}

test.describe("webhooks for brands", () => {
  let receiver: Receiver;
  test.beforeAll(async () => {
    await removeLeftoverEndpoints();
    receiver = await startReceiver(() => ({ status: 200, body: "received" }));
  });
  test.afterAll(async () => {
    await receiver?.close();
  });

  test("a brand adds an endpoint, sees its secret once, sends a test event and finds it delivered in the log", async ({
    page,
  }) => {
    await signInViaApi(page.request, demo("brand"));
    const webhooks = new WebhooksPage(page);
    await webhooks.goto("demo");
    await expect(page.getByText("No endpoints yet")).toBeVisible();
    await expectAccessible(page);

    // A mistake first: the form says what is wrong and keeps what was typed.
    await webhooks.urlField.fill("ftp://example.com/hooks");
    await webhooks.descriptionField.fill("Typed before the error");
    await webhooks.newEvent("item.staged").check();
    await webhooks.addButton.click();
    await expect(page.getByText("Use an https:// (or http://) URL")).toBeVisible();
    await expect(webhooks.urlField).toHaveValue("ftp://example.com/hooks");
    await expect(webhooks.urlField).toHaveAttribute("aria-invalid", "true");
    await expect(webhooks.descriptionField).toHaveValue("Typed before the error");
    await expect(webhooks.newEvent("item.staged")).toBeChecked();
    await webhooks.newEvent("item.staged").uncheck();
    await expectAccessible(page);

    const path = `/e2e/${randomUUID()}`;
    const description = `${DESCRIPTION_PREFIX} ${randomUUID().slice(0, 6)}`;
    const secret = await webhooks.create({ url: receiver.url(path), description, events: ["shipment.received"] });
    const card = webhooks.endpoint(description);
    await expect(card).toContainText("Enabled");
    await expect(card).toContainText("shipment.received");

    await card.getByRole("button", { name: `Send a test event to ${description}` }).click();
    await expect(page.getByText("Test event delivered: your endpoint answered HTTP 200.")).toBeVisible();
    // The receiver got one signed ping, and the secret shown once verifies it.
    const received = receiver.requests.filter((r) => r.path === path);
    expect(received).toHaveLength(1);
    expect(received[0].headers["livebase-event"]).toBe("ping");
    expect(
      verifySignature(received[0].headers["livebase-signature"] as string, received[0].body, secret, { now: e2eNow() }),
    ).toMatchObject({ ok: true });
    expect(JSON.parse(received[0].body)).toMatchObject({ type: "ping", data: { endpointId: expect.any(String) } });

    // After a reload the secret is gone for good; only its first characters tell it apart.
    await page.reload();
    await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(card).toContainText(`${secret.slice(0, 10)}…`);

    await card.getByRole("link", { name: `Delivery log of ${description}` }).click();
    const log = new DeliveryLogPage(page);
    await expect(log.heading).toBeVisible();
    const ping = log.row("ping");
    await expect(ping).toHaveCount(1);
    await expect(ping).toContainText("delivered");
    await expect(ping).toContainText("HTTP 200");
    await expectAccessible(page);

    // The brand replays it; this time its receiver fails, and the log says so.
    receiver.respondWith(() => ({ status: 500, body: "broken" }));
    await ping.getByRole("button", { name: /^Replay ping of / }).click();
    await expect(
      page.getByText(/^Replay not delivered: HTTP 500\. It will be tried again at \d\d:\d\d Los Angeles time\.$/),
    ).toBeVisible();
    await expect(ping).toContainText("retrying");
    await expect(ping).toContainText("HTTP 500");
    expect(receiver.requests.filter((r) => r.path === path)).toHaveLength(2);
    await page.getByRole("link", { name: "Failed", exact: true }).click();
    await expect(page.getByText("No failed deliveries")).toBeVisible();

    await webhooks.goto("demo");
    await expect(card).toContainText("1 delivery failed in the last 24 h.");
    await webhooks.delete(description);
    await expect(card).toHaveCount(0);
    await expect(page.getByText("No endpoints yet")).toBeVisible();
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("the endpoint list and the delivery log fit the screen", async ({ page }) => {
      receiver.respondWith(() => ({ status: 200 }));
      await signInViaApi(page.request, demo("brand"));
      const webhooks = new WebhooksPage(page);
      await webhooks.goto("demo");
      const description = `${DESCRIPTION_PREFIX} phone ${randomUUID().slice(0, 6)}`;
      await webhooks.create({
        url: receiver.url(`/e2e/phone/${"long-path-segment/".repeat(8)}`),
        description,
        events: [],
      });
      const card = webhooks.endpoint(description);
      await expect(card).toContainText("All events");
      await card.getByRole("button", { name: `Send a test event to ${description}` }).click();
      await expect(page.getByText("Test event delivered: your endpoint answered HTTP 200.")).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await card.getByRole("link", { name: `Delivery log of ${description}` }).click();
      await expect(new DeliveryLogPage(page).row("ping")).toContainText("delivered");
      await expectNoHorizontalOverflow(page);
      await webhooks.goto("demo");
      await webhooks.delete(description);
    });
  });
});
