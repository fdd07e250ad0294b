import type { Locator, Page } from "@playwright/test";
import { SignInPage, SignUpPage, WorkspacesPage } from "./pages/auth-pages";
import { WorkspaceShell } from "./pages/workspace-pages";
import { DEMO_PASSWORD, createUser, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

const SIGNED_OUT = [
  { path: "/sign-in", heading: "Sign in to Livebase" },
  { path: "/sign-up", heading: "Create your Livebase account" },
  { path: "/forgot-password", heading: "Reset your password" },
];

const SIGNED_IN = [
  { path: "/workspaces", heading: "Your workspaces" },
  { path: "/w/demo", heading: "Demo Live Studios" },
  { path: "/w/demo/studios", heading: "Studios" },
  { path: "/w/demo/setup", heading: "Setup" },
  { path: "/w/demo/setup/policies", heading: "Policies" },
  { path: "/w/demo/settings", heading: "Settings" },
  { path: "/w/demo/settings/tokens", heading: "API tokens" },
  { path: "/w/demo/settings/members", heading: "Members" },
];

/** Waits until next-themes has applied the theme the browser asks for, so axe sees the real colours. */
async function expectTheme(page: Page, theme: "light" | "dark") {
  const html = page.locator("html");
  if (theme === "dark") await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
  else await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
}

async function checkPages(page: Page, pages: { path: string; heading: string }[], theme: "light" | "dark") {
  for (const { path, heading } of pages) {
    await test.step(path, async () => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectTheme(page, theme);
      await expectAccessible(page);
    });
  }
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`WCAG 2.1 AA in the ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test("the signed-out pages have no violations", async ({ page }) => {
      await checkPages(page, SIGNED_OUT, theme);
    });

    test("the workspace pages of an owner have no violations", async ({ page }) => {
      await signInViaApi(page.request, demo("owner"));
      await checkPages(page, SIGNED_IN, theme);
    });

    test("form errors and the empty workspace list have no violations", async ({ page }) => {
      const signUp = new SignUpPage(page);
      await signUp.goto();
      await signUp.submit.click();
      await expect(page.getByRole("alert").filter({ hasText: "Check the fields marked below." })).toBeVisible();
      await expect(signUp.name).toHaveAccessibleDescription("Enter your name");
      await expectTheme(page, theme);
      await expectAccessible(page);

      const user = await createUser();
      await signInViaApi(page.request, user.email, user.password);
      await page.goto("/workspaces");
      await new WorkspacesPage(page).expectEmpty();
      await expectAccessible(page);
    });
  });
}

test("the theme button switches to dark, stays dark after a reload, and the page stays accessible", async ({
  page,
}) => {
  await signInViaApi(page.request, demo("manager"));
  const shell = new WorkspaceShell(page);
  await shell.goto("demo");
  await expectTheme(page, "light");

  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expectTheme(page, "dark");
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  await expectAccessible(page);

  await page.reload();
  await expectTheme(page, "dark");
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expectTheme(page, "light");
});

/** Presses Tab until `target` has the focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 10) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`could not reach ${target} with ${max} presses of Tab`);
}

test("the sign-in form works with the keyboard alone", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();

  // The first Tab shows the skip link.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  await tabTo(page, signIn.email);
  await page.keyboard.type(demo("owner"));
  await page.keyboard.press("Tab");
  await expect(signIn.password).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");

  await expect(new WorkspacesPage(page).heading).toBeVisible();
  await expect(page.getByRole("link", { name: /Demo Live Studios/ })).toBeVisible();
});
