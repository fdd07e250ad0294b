import { randomUUID } from "node:crypto";
import { SignInPage, SignUpPage, WorkspacesPage } from "./pages/auth-pages";
import { WorkspaceShell } from "./pages/workspace-pages";
import {
  DEMO_PASSWORD,
  clearFailedSignIns,
  createUser,
  createUserWithWorkspace,
  demo,
  expect,
  firstLink,
  latestEmail,
  signInViaApi,
  test,
  uniqueEmail,
} from "./support/fixtures";

const NEW_PASSWORD = "a-brand-new-passphrase";

test.describe("signing up", () => {
  test("a new user signs up, finds no workspace yet, creates one and lands on its overview", async ({ page }) => {
    const id = randomUUID().slice(0, 8);
    const name = `Nadia New ${id}`;
    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.signUp({ name, email: uniqueEmail("signup"), password: NEW_PASSWORD });

    const workspaces = new WorkspacesPage(page);
    await workspaces.expectEmpty();
    await workspaces.createWorkspace({ name: `Nadia's Studio ${id}`, slug: `nadia-${id}` });

    await expect(page).toHaveURL(new RegExp(`/w/nadia-${id}$`));
    const shell = new WorkspaceShell(page);
    await expect(shell.heading).toHaveText(`Nadia's Studio ${id}`);
    await expect(shell.signedInAs(name)).toContainText("owner");
  });

  test("signing up with an address already registered shows a field error and keeps what was typed", async ({
    page,
  }) => {
    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.signUp({ name: "Olivia Again", email: demo("owner"), password: NEW_PASSWORD });

    await expect(page.getByRole("alert").filter({ hasText: "We could not create the account." })).toBeVisible();
    await expect(signUp.email).toHaveAccessibleDescription(
      "An account with this email already exists. Sign in instead.",
    );
    await expect(signUp.email).toHaveAttribute("aria-invalid", "true");
    await expect(signUp.name).toHaveValue("Olivia Again");
    await expect(signUp.email).toHaveValue(demo("owner"));
    await expect(page).toHaveURL(/\/sign-up$/);
  });
});

test.describe("signing in with a password", () => {
  test("a wrong password is refused and keeps the email; the right one signs in; signing out ends the session", async ({
    page,
  }) => {
    await clearFailedSignIns(demo("owner"));
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(demo("owner"), "not-the-password");
    await signIn.expectWrongPassword(demo("owner"));

    await signIn.password.fill(DEMO_PASSWORD);
    await signIn.submit.click();
    const workspaces = new WorkspacesPage(page);
    await expect(workspaces.heading).toBeVisible();
    await page.getByRole("link", { name: /Demo Live Studios/ }).click();

    const shell = new WorkspaceShell(page);
    await expect(shell.heading).toHaveText("Demo Live Studios");
    await expect(shell.signedInAs("Olivia Owner")).toBeVisible();

    await shell.signOut.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(signIn.heading).toBeVisible();

    await page.goto("/w/demo");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fw%2Fdemo$/);
    await expect(signIn.heading).toBeVisible();
  });
});

test.describe("deep links", () => {
  test("a visitor sent to sign-in from a workspace page comes back to that page", async ({ page }) => {
    await page.goto("/w/demo/settings/members");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fw%2Fdemo%2Fsettings%2Fmembers/);
    const signIn = new SignInPage(page);
    await signIn.signIn(demo("manager"), DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/w\/demo\/settings\/members$/);
    await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  });
});

test.describe("signing in with an email link", () => {
  test("a sign-in link from the outbox signs the user in, once", async ({ page }) => {
    const user = await createUser();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.linkEmail.fill(user.email);
    await signIn.sendLink.click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

    const email = await latestEmail(user.email, "auth.magic_link");
    expect(email.subject).toBe("Your Livebase sign-in link");
    const link = firstLink(email.text);
    await page.goto(link);

    await new WorkspacesPage(page).expectEmpty();
    const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe(user.email);

    // The link works once: opened again (signed out) it is refused with an explanation.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(signIn.heading).toBeVisible();
    await page.goto(link);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "That sign-in link has expired or was already used. Ask for a new one." }),
    ).toBeVisible();
  });
});

test.describe("resetting a forgotten password", () => {
  test("the reset link sets a new password and signs in; the old password and a second use of the link fail", async ({
    page,
    browser,
  }) => {
    const user = await createUserWithWorkspace();
    // Another device, signed in before the reset: it must be signed out by it.
    const otherDevice = await browser.newContext();
    await signInViaApi(otherDevice.request, user.email, user.password);
    const before = await otherDevice.request.get("/workspaces", { maxRedirects: 0 });
    expect(before.headers()["location"] ?? "").toContain(`/w/${user.slug}`);
    const signIn = new SignInPage(page);
    await signIn.goto();
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `If ${user.email} has an account, a reset link is on its way.` }),
    ).toBeVisible();

    const email = await latestEmail(user.email, "auth.password_reset");
    const link = firstLink(email.text);
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set new password" }).click();

    // Signed in with the new password: the user's only workspace opens.
    const shell = new WorkspaceShell(page);
    await expect(page).toHaveURL(new RegExp(`/w/${user.slug}$`));
    await expect(shell.heading).toBeVisible();
    const stale = await otherDevice.request.get(`/w/${user.slug}`, { maxRedirects: 0 });
    expect(stale.headers()["location"] ?? "").toContain("/sign-in");
    await otherDevice.close();
    await shell.signOut.click();
    await expect(signIn.heading).toBeVisible();

    await signIn.signIn(user.email, user.password);
    await signIn.expectWrongPassword(user.email);

    await page.goto(link);
    await page.getByLabel("New password").fill("yet-another-passphrase");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "This reset link has expired or was already used. Ask for a new one." }),
    ).toBeVisible();

    await signIn.goto();
    await signIn.signIn(user.email, NEW_PASSWORD);
    await expect(page).toHaveURL(new RegExp(`/w/${user.slug}$`));
  });
});
