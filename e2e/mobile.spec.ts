import type { Locator, Page } from "@playwright/test";
import { inventoryItems, inventoryMovements, waitlistEntries } from "../db/schema";
import { WorkspaceShell } from "./pages/workspace-pages";
import { e2eDb } from "./support/db";
import { demo, expect, signInViaApi, test } from "./support/fixtures";
import { HOUR, samplesWorld } from "./support/samples";

/** The page scrolls only vertically: nothing sticks out past the right edge of the phone's screen. */
async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  // A page wider than the screen can make a mobile browser zoom out (and widen innerWidth): pin it to the device.
  expect(innerWidth, "layout viewport is the device width").toBe(page.viewportSize()?.width);
  expect(scrollWidth, `page is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth + 1);
}

let world: Awaited<ReturnType<typeof samplesWorld>>;

test.describe("on a phone", () => {
  // 390 px: the narrowest common phone today (iPhone 12 to 15); a page that fits it fits the wider ones.
  test.use({ viewport: { width: 390, height: 844 } });

  test.beforeEach(async ({ page }) => {
    // Chloe waits for a taken time in a Los Angeles room: the Bookings page of every role then has its waitlist table.
    const w = await samplesWorld({
      roomName: "Phone room",
      startsIn: 5 * HOUR,
      items: [{ sku: "PHN-01", name: "Phone stand with a long descriptive name", quantityExpected: 4 }],
    });
    await e2eDb().insert(waitlistEntries).values({
      workspaceId: w.ws.id,
      roomId: w.room.id,
      creatorId: w.creator.id,
      startsAt: w.booking.startsAt,
      endsAt: w.booking.endsAt,
    });
    world = w;
    await signInViaApi(page.request, demo("owner"));
  });

  test("the overview and the members page fit the screen", async ({ page }) => {
    const shell = new WorkspaceShell(page);
    await shell.goto("demo");
    await expect(shell.heading).toHaveText("Demo Live Studios");
    await expectNoHorizontalOverflow(page);

    await shell.goto("demo", "/settings/members");
    await expect(shell.heading).toHaveText("Members");
    await expect(page.getByText(demo("creator"), { exact: true })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });

  test("every link of the main navigation can be reached and opens its page", async ({ page }) => {
    const shell = new WorkspaceShell(page);
    await shell.goto("demo");
    await expect(shell.navLinks).toHaveText([
      "Overview",
      "Dashboard",
      "Run sheet",
      "Book a set",
      "Bookings",
      "Studios",
      "Shipments",
      "Receiving",
      "Inventory",
      "Storage",
      "Billing",
      "Reports",
      "Setup",
      "Members",
      "API tokens",
      "Audit log",
      "Payments",
      "Settings",
    ]);

    const pages = [
      { link: "Dashboard", url: /\/w\/demo\/dashboard$/, heading: "Dashboard" },
      { link: "Run sheet", url: /\/w\/demo\/run-sheet$/, heading: "Run sheet" },
      { link: "Book a set", url: /\/w\/demo\/book$/, heading: "Book a set" },
      { link: "Bookings", url: /\/w\/demo\/bookings$/, heading: "Bookings" },
      { link: "Studios", url: /\/w\/demo\/studios$/, heading: "Studios" },
      { link: "Shipments", url: /\/w\/demo\/shipments$/, heading: "Shipments" },
      { link: "Receiving", url: /\/w\/demo\/receiving$/, heading: "Receiving" },
      { link: "Inventory", url: /\/w\/demo\/inventory$/, heading: "Inventory" },
      { link: "Storage", url: /\/w\/demo\/storage$/, heading: "Storage" },
      { link: "Billing", url: /\/w\/demo\/billing$/, heading: "Billing" },
      { link: "Reports", url: /\/w\/demo\/reports$/, heading: "Reports" },
      { link: "Setup", url: /\/w\/demo\/setup$/, heading: "Setup" },
      { link: "Members", url: /\/w\/demo\/settings\/members$/, heading: "Members" },
      { link: "API tokens", url: /\/w\/demo\/settings\/tokens$/, heading: "API tokens" },
      { link: "Audit log", url: /\/w\/demo\/settings\/audit$/, heading: "Audit log" },
      { link: "Payments", url: /\/w\/demo\/settings\/payments$/, heading: "Payments" },
      { link: "Settings", url: /\/w\/demo\/settings$/, heading: "Settings" },
      { link: "Overview", url: /\/w\/demo$/, heading: "Demo Live Studios" },
    ];
    for (const { link, url, heading } of pages) {
      await test.step(link, async () => {
        const target = shell.nav.getByRole("link", { name: link });
        await target.scrollIntoViewIfNeeded();
        await expect(target).toBeInViewport();
        await target.tap();
        await expect(page).toHaveURL(url);
        await expect(shell.heading).toHaveText(heading);
        await expect(target).toHaveAttribute("aria-current", "page");
        await expectNoHorizontalOverflow(page);
      });
    }
  });

  test("tables keep their key column in view while their other columns scroll in their own box: bookings, shipments, inventory", async ({
    page,
  }) => {
    // The box of beforeEach and the stock it brought, so the shipments and inventory tables have rows.
    const w = world;
    const [line] = await e2eDb().query.shipmentItems.findMany({
      where: (i, { eq }) => eq(i.shipmentId, w.shipment.id),
    });
    const [item] = await e2eDb()
      .insert(inventoryItems)
      .values({
        workspaceId: w.ws.id,
        studioId: w.studio.id,
        shipmentItemId: line.id,
        ownerBrandId: w.glow.id,
        sku: "PHN-01",
        name: line.name,
        onHand: 4,
      })
      .returning();
    await e2eDb()
      .insert(inventoryMovements)
      .values({ workspaceId: w.ws.id, inventoryItemId: item.id, kind: "received", quantityDelta: 4 });

    for (const { url, table, key, row } of [
      { url: "/w/demo/bookings", table: "Bookings (scrolls sideways)", key: "When (studio time)", row: w.booking.code },
      { url: "/w/demo/shipments", table: "Shipments (scrolls sideways)", key: "Code", row: w.shipment.code },
      {
        url: `/w/demo/inventory?studio=${w.studio.id}`,
        table: "Stock in Los Angeles – Arts District",
        key: "SKU",
        row: "PHN-01",
      },
    ]) {
      await test.step(url, async () => {
        await page.goto(url);
        const box = page.getByRole("region", { name: table, exact: true });
        await expect(box.getByRole("columnheader", { name: key, exact: true })).toBeVisible();
        await expectNoHorizontalOverflow(page);
        // Scrolled all the way right, the row still says what it is.
        await box.evaluate((el) => (el.scrollLeft = el.scrollWidth));
        const cell = box.getByRole("row").filter({ hasText: row }).getByRole("cell").first();
        await expect(cell).toContainText(row);
        await expectWithinScreen(page, cell);
        await expectWithinScreen(page, box.getByRole("columnheader", { name: key, exact: true }));
      });
    }
  });

  for (const role of ["staff", "creator", "brand"] as const) {
    test(`every page of the ${role}'s navigation fits the screen`, async ({ page, context }) => {
      await context.clearCookies();
      await signInViaApi(page.request, demo(role));
      const shell = new WorkspaceShell(page);
      await shell.goto("demo");
      const names = await shell.navLinks.allTextContents();
      expect(names.length).toBeGreaterThan(2);
      for (const name of names) {
        await test.step(name, async () => {
          const target = shell.nav.getByRole("link", { name, exact: true });
          await target.scrollIntoViewIfNeeded();
          await expect(target).toBeInViewport();
          await target.tap();
          await expect(target).toHaveAttribute("aria-current", "page");
          await expect(shell.heading).toBeVisible();
          await expectNoHorizontalOverflow(page);
        });
      }
    });
  }
});

/** Wholly on the phone's screen, left to right. */
async function expectWithinScreen(page: Page, target: Locator) {
  const box = await target.boundingBox();
  expect(box, "on screen").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
}
