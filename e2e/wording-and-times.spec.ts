import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { brands, invoices, memberships, rooms, studios, webhookDeliveries, webhookEndpoints } from "../db/schema";
import { BookPage, RoomWeekPage } from "./pages/booking-pages";
import { SetupPage, StudioForm } from "./pages/setup-pages";
import { NewShipmentPage } from "./pages/shipments-pages";
import { WebhooksPage } from "./pages/webhook-pages";
import { ManagerBillingPage, MembersPage, StudiosPage, TokensPage, WorkspaceShell } from "./pages/workspace-pages";
import { e2eDb } from "./support/db";
import {
  createUser,
  createUserWithWorkspace,
  expect,
  expectAccessible,
  signInViaApi,
  test,
  uniqueEmail,
} from "./support/fixtures";

/** 20:00 UTC on 7 December is already 01:30 on the 8th in Mumbai: a raw UTC date would name the wrong day. */
const AT = new Date("2026-12-07T20:00:00Z");
const AT_IN_MUMBAI = "Tue 8 Dec 2026, 01:30 Kolkata time";
const A_TIME_IN_MUMBAI = /^\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d Kolkata time$/;

/**
 * A new operator whose one studio is in Mumbai, saved (as older tools do) under the deprecated zone name
 * Asia/Calcutta; open round the clock on Fridays; one single-person room booked from 30 minutes.
 */
async function mumbaiWorkspace() {
  const owner = await createUserWithWorkspace();
  const db = e2eDb();
  const [ws] = await db
    .select({ id: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, owner.userId));
  const [studio] = await db
    .insert(studios)
    .values({
      workspaceId: ws.id,
      currency: "USD",
      name: "Mumbai – Bandra",
      timeZone: "Asia/Calcutta",
      openingHours: [
        { weekday: 1, opens: "10:00", closes: "22:00" },
        { weekday: 5, opens: "00:00", closes: "00:00" },
      ],
    })
    .returning();
  const [room] = await db
    .insert(rooms)
    .values({
      workspaceId: ws.id,
      studioId: studio.id,
      name: "Solo booth",
      capacity: 1,
      hourlyRateCents: 4000,
      stepMinutes: 30,
      minMinutes: 30,
      maxMinutes: 180,
      bufferMinutes: 15,
    })
    .returning();
  return { ...owner, workspaceId: ws.id, studio, room };
}

test("a studio's first day reads as a person would say it, on the studio's clock", async ({ page, browser }) => {
  test.setTimeout(180_000); // nine pages, each checked with axe, in two browser contexts
  const ws = await mumbaiWorkspace();
  const db = e2eDb();
  await signInViaApi(page.request, ws.email, ws.password);

  await test.step("the home page counts one member as '1 member'", async () => {
    const shell = new WorkspaceShell(page);
    await shell.goto(ws.slug);
    await expect(page.getByText("1 member · 0 pending invitations", { exact: true })).toBeVisible();
    await expect(page.getByText("1 studio, 1 room", { exact: true })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("the studios page says 'open 24 hours', '1 person' and '30 min', and names the zone in words", async () => {
    const studiosPage = new StudiosPage(page);
    await studiosPage.goto(ws.slug);
    await expect(studiosPage.hours()).toContainText("Fri open 24 hours");
    await expect(studiosPage.hours()).toContainText("Mon 10:00–22:00");
    await expect(page.getByText(/times in Asia\/Kolkata$/)).toBeVisible();
    const room = studiosPage.room("Solo booth");
    await expect(room).toContainText("up to 1 person");
    await expect(room).toContainText("30 min–3 h, every 30 min, 15 min turnover");
    await expect(room).not.toContainText("0.5");
    await expectAccessible(page);
  });

  await test.step("booking the room offers '30 min', not '0 h 30 min'", async () => {
    const book = new BookPage(page);
    await book.goto(ws.slug);
    await expect(page.getByRole("main")).toContainText("30 min–3 h");
    await expect(page.getByRole("main")).toContainText("up to 1 person");
    await page.goto(`/w/${ws.slug}/book/${ws.room.id}`);
    const room = new RoomWeekPage(page);
    await expect(room.length.locator("option")).toHaveText(["30 min", "1 h", "1 h 30 min", "2 h", "2 h 30 min", "3 h"]);
  });

  await test.step("the time-zone list has current names only, with spaces in its labels and IANA names as values", async () => {
    const setup = new SetupPage(page);
    await setup.goto(ws.slug);
    const zone = setup.newStudio.timeZone;
    for (const old of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon"])
      await expect(zone.locator(`option[value="${old}"]`)).toHaveCount(0);
    await expect(zone.locator('option[value="Asia/Kolkata"]')).toHaveText("Asia/Kolkata");
    await expect(zone.locator('option[value="Europe/Kyiv"]')).toHaveText("Europe/Kyiv");
    await expect(zone.locator('option[value="America/Los_Angeles"]')).toHaveText("America/Los Angeles");
    await setup.openStudio("Mumbai – Bandra");
    await expect(new StudioForm(page.getByRole("form", { name: "Details of Mumbai – Bandra" })).timeZone).toHaveValue(
      "Asia/Kolkata",
    );
    await expect(page.getByText("Times on this page are in Asia/Kolkata.")).toBeVisible();
  });

  await test.step("a token's 'created' time is on the studio's clock, and says so", async () => {
    const tokens = new TokensPage(page);
    await tokens.goto(ws.slug);
    const name = `Sync ${randomUUID().slice(0, 6)}`;
    await tokens.create(name);
    await expect(tokens.row(name).getByRole("cell").nth(2)).toHaveText(A_TIME_IN_MUMBAI);
    await expect(tokens.row(name)).not.toContainText("UTC");
    await expectAccessible(page);
  });

  await test.step("an invitation's expiry is on the studio's clock", async () => {
    const members = new MembersPage(page);
    await members.goto(ws.slug);
    const email = uniqueEmail("invitee");
    await members.invite(email, "creator");
    await expect(members.entry(email)).toContainText(/expires \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d Kolkata time/);
  });

  await test.step("Billing dates an invoice on the studio's clock, not 'Date (UTC)'", async () => {
    const description = `Fee event ${randomUUID().slice(0, 6)}`;
    await db.insert(invoices).values({
      workspaceId: ws.workspaceId,
      creatorId: ws.userId,
      groupKey: `charge:${randomUUID()}`,
      description,
      status: "not_sent",
      amountDueCents: 2500,
      currency: "USD",
      createdAt: AT,
    });
    const billing = new ManagerBillingPage(page);
    await billing.goto(ws.slug);
    await expect(billing.invoices.getByRole("columnheader", { name: "Date", exact: true })).toBeVisible();
    await expect(billing.invoices).not.toContainText("UTC");
    await expect(billing.invoice(description)).toContainText(AT_IN_MUMBAI);
    await expectAccessible(page);
  });

  const brandUser = await createUser();
  const [brand] = await db
    .insert(brands)
    .values({ workspaceId: ws.workspaceId, name: `Glow ${randomUUID().slice(0, 6)}` })
    .returning();
  await db
    .insert(memberships)
    .values({ workspaceId: ws.workspaceId, userId: brandUser.userId, role: "brand", brandId: brand.id });
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      workspaceId: ws.workspaceId,
      brandId: brand.id,
      url: "https://erp.example.test/hooks",
      description: "ERP",
      secret: "whsec_e2e",
    })
    .returning();
  await db.insert(webhookDeliveries).values({
    workspaceId: ws.workspaceId,
    endpointId: endpoint.id,
    event: "ping",
    payload: {},
    status: "delivered",
    attempts: 1,
    deliveredAt: AT,
    createdAt: AT,
  });
  const brandContext = await browser.newContext();
  try {
    const brandPage = await brandContext.newPage();
    await signInViaApi(brandPage.request, brandUser.email, brandUser.password);

    await test.step("a brand's webhook says when it was last delivered on the studio's clock", async () => {
      const webhooks = new WebhooksPage(brandPage);
      await webhooks.goto(ws.slug);
      const lastDelivered = brandPage
        .locator("dt", { hasText: "Last delivered" })
        .locator("xpath=following-sibling::dd[1]");
      await expect(lastDelivered).toHaveText(AT_IN_MUMBAI);
      await expectAccessible(brandPage);
    });

    await test.step("a CSV error names the column in words, not the field's code name", async () => {
      const form = new NewShipmentPage(brandPage);
      await form.goto(ws.slug);
      await form.importCsv(
        "items.csv",
        "sku,name,quantity,declared_value\nLIP-01,Lipstick,2,12.505\nLIP-01,Lipstick again,1,\n",
      );
      await expect(form.csvProblems.getByRole("listitem")).toHaveText([
        "Line 2: Declared value: Use at most 2 decimals in USD, like 65.00",
      ]);
      await expect(form.csvProblems).not.toContainText("declaredValue");
      await expectAccessible(brandPage);
    });
  } finally {
    await brandContext.close();
  }
});
