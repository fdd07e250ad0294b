import type { Page } from "@playwright/test";
import { WorkspaceShell } from "./pages/workspace-pages";
import { demo, expect, signInViaApi, test } from "./support/fixtures";

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

test.describe("on a phone", () => {
  // 390 px: the narrowest common phone today (iPhone 12 to 15); a page that fits it fits the wider ones.
  test.use({ viewport: { width: 390, height: 844 } });

  test.beforeEach(async ({ page }) => {
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
    await expect(shell.navLinks).toHaveText(["Overview", "Dashboard", "Run sheet", "Book a set", "Bookings", "Studios", "Shipments", "Receiving", "Inventory", "Storage", "Billing", "Reports", "Setup", "Members", "API tokens", "Audit log", "Settings"]);

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
});
