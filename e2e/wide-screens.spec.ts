import type { Page } from "@playwright/test";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

/**
 * Issue 11, item 19: on a 1366 px laptop, the reports' tables and the dashboard's 24-hour heatmap fit, or scroll
 * sideways in a box of their own (which a keyboard can focus and scroll): the page itself never scrolls sideways.
 */
test.use({ viewport: { width: 1366, height: 768 } });

async function expectTablesFitOrScrollInTheirBox(page: Page) {
  const { pageWidth, screen, tables } = await page.evaluate(() => ({
    pageWidth: document.documentElement.scrollWidth,
    screen: window.innerWidth,
    tables: Array.from(document.querySelectorAll("main table")).map((t) => {
      const box = t.parentElement!;
      const style = getComputedStyle(box);
      return {
        name:
          t.getAttribute("aria-label") ??
          t.querySelector("caption")?.textContent ??
          box.getAttribute("aria-label") ??
          "a table",
        fits: t.getBoundingClientRect().right <= window.innerWidth,
        ownBox:
          (style.overflowX === "auto" || style.overflowX === "scroll") &&
          box.getBoundingClientRect().right <= window.innerWidth,
        focusable: box.tabIndex >= 0,
        overflows: box.scrollWidth > box.clientWidth,
      };
    }),
  }));
  expect(pageWidth, `the page is ${pageWidth}px wide on a ${screen}px screen`).toBeLessThanOrEqual(screen + 1);
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) {
    expect(t.fits || t.ownBox, `${t.name} fits or scrolls in its own box`).toBe(true);
    if (t.overflows) expect(t.focusable, `${t.name} scrolls, so a keyboard can focus its box`).toBe(true);
  }
}

test("the reports and the dashboard's heatmap fit a 1366 px screen or scroll in their own box", async ({ page }) => {
  await signInViaApi(page.request, demo("manager"));
  for (const url of ["/w/demo/reports", "/w/demo/dashboard"]) {
    await test.step(url, async () => {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectTablesFitOrScrollInTheirBox(page);
    });
  }
  const heatmap = page.getByRole("table", { name: /^Share of each hour booked at / });
  await expect(heatmap).toBeVisible();
  await expectAccessible(page);
});
