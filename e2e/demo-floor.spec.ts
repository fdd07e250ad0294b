import type { Locator } from "@playwright/test";
import { RunSheetPage } from "./pages/run-sheet-pages";
import { StorageBoardPage } from "./pages/storage-pages";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

async function expectLoaded(img: Locator) {
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
}

/**
 * Issue 11, item 22: the demo's first run shows a busy floor, made when the server seeded the demo (whatever the
 * hour): sessions on the sheet the floor opens on (one under way while the studio is open), LA's bins, an overdue
 * storage stay, and a photo of every set.
 */
test("the demo opens on a busy floor: today's sessions, bins, an overdue storage stay and photos of the sets", async ({
  page,
}) => {
  await signInViaApi(page.request, demo("staff"));

  await test.step("the run sheet the floor opens on has the busy floor's sessions", async () => {
    const sheet = new RunSheetPage(page);
    await sheet.goto("demo");
    const floor = sheet.timeline.getByRole("link", { name: /^(Lena Live|Marcus Moore), \d{2}:\d{2}–\d{2}:\d{2}, / });
    await expect(floor.first()).toBeVisible();
    // While the studio is open (the now-line is drawn), Lena is on set now, checked in.
    if ((await sheet.timeline.getByTestId("now-line").count()) > 0) {
      await expect(
        sheet.timeline.getByRole("link", { name: /^Lena Live, \d{2}:\d{2}–\d{2}:\d{2}, checked in/ }),
      ).toBeVisible();
    }
    await expectAccessible(page);
  });

  await test.step("Los Angeles has bins and a shelf for received samples", async () => {
    await page.goto("/w/demo/inventory");
    const places = page.getByRole("list", { name: "Bins and shelves of Los Angeles – Arts District" });
    await expect(places.getByRole("listitem").filter({ hasText: "BIN-01" })).toBeVisible();
    await expect(places.getByRole("listitem").filter({ hasText: "Shelf A" })).toBeVisible();
  });

  await test.step("the storage board shows Lena's stay in Unit A2 overdue", async () => {
    const board = new StorageBoardPage(page);
    await board.goto("demo");
    await expect(
      board
        .nights("A2")
        .filter({ hasText: /overdue|Overdue/ })
        .first(),
    ).toBeVisible();
  });

  await test.step("every set has a photo on Book a set", async () => {
    await page.goto("/w/demo/book");
    for (const room of ["Set A – Beauty", "Set B – Fashion", "Booth D – Compact"])
      await expectLoaded(page.getByRole("img", { name: room, exact: true }));
  });
});
