import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

test("a demo owner signed in through the API sees the workspace overview", async ({ page }) => {
  await signInViaApi(page.request, demo("owner"));
  await page.goto("/w/demo");
  await expect(page.getByRole("heading", { level: 1, name: "Demo Live Studios" })).toBeVisible();
  await expectAccessible(page);
});
