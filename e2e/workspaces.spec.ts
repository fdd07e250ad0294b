import { randomUUID } from "node:crypto";
import { SignUpPage } from "./pages/auth-pages";
import { MembersPage, WorkspaceShell } from "./pages/workspace-pages";
import {
  createUserWithWorkspace,
  demo,
  expect,
  firstLink,
  latestEmail,
  signInViaApi,
  test,
  uniqueEmail,
} from "./support/fixtures";

test.describe("inviting a member", () => {
  test("an invited creator signs up from the email, accepts, and the owner sees them among the members", async ({
    page,
    browser,
  }) => {
    const owner = await createUserWithWorkspace();
    await signInViaApi(page.request, owner.email, owner.password);
    const members = new MembersPage(page);
    await members.goto(owner.slug);
    const inviteeEmail = uniqueEmail("invitee");
    await members.invite(inviteeEmail, "creator");
    await expect(members.entry(inviteeEmail)).toContainText("creator");

    const email = await latestEmail(inviteeEmail, "workspace.invitation");
    expect(email.subject).toMatch(/^You're invited to .+ on Livebase$/);
    const link = firstLink(email.text);

    // The invitee is a stranger to Livebase: their own browser, no session.
    const inviteeContext = await browser.newContext();
    try {
      const invitee = await inviteeContext.newPage();
      await invitee.goto(link);
      await expect(invitee.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible();
      await expect(invitee.getByText("You are invited as")).toContainText(`creator`);
      await invitee.getByRole("link", { name: "Create an account to accept" }).click();

      const signUp = new SignUpPage(invitee);
      await expect(signUp.heading).toBeVisible();
      await expect(signUp.email).toHaveValue(inviteeEmail);
      const name = `Ivy Invitee ${randomUUID().slice(0, 6)}`;
      await signUp.signUp({ name, password: "invitee-passphrase" });

      await expect(invitee).toHaveURL(/\/invite\/[^/]+$/);
      await invitee.getByRole("button", { name: "Accept and join" }).click();

      const shell = new WorkspaceShell(invitee);
      await expect(invitee).toHaveURL(new RegExp(`/w/${owner.slug}$`));
      await expect(shell.signedInAs(name)).toContainText("creator");
      await expect(shell.navLinks.filter({ hasText: "Members" })).toHaveCount(0);

      await page.reload();
      await expect(members.entry(inviteeEmail)).toContainText(name);
      await expect(members.entry(inviteeEmail)).toContainText("creator");
      await expect(page.getByText("No pending invitations")).toBeVisible();
    } finally {
      await inviteeContext.close();
    }
  });

  test("an invitation opened while signed in as someone else says so and cannot be accepted", async ({
    page,
    browser,
  }) => {
    const owner = await createUserWithWorkspace();
    await signInViaApi(page.request, owner.email, owner.password);
    const members = new MembersPage(page);
    await members.goto(owner.slug);
    const inviteeEmail = uniqueEmail("invitee");
    await members.invite(inviteeEmail, "creator");
    const link = firstLink((await latestEmail(inviteeEmail, "workspace.invitation")).text);

    const other = await createUserWithWorkspace();
    const otherContext = await browser.newContext();
    try {
      await signInViaApi(otherContext.request, other.email, other.password);
      const otherPage = await otherContext.newPage();
      await otherPage.goto(link);
      await expect(
        otherPage.getByRole("alert").filter({
          hasText: `You are signed in as ${other.email}. Sign out and sign in as ${inviteeEmail} to accept.`,
        }),
      ).toBeVisible();
      await expect(otherPage.getByRole("button", { name: "Accept and join" })).toHaveCount(0);

      // Signing out from there comes back to the invitation, now offering to sign in as the invited address.
      await otherPage.getByRole("button", { name: "Sign out" }).click();
      await expect(otherPage.getByRole("link", { name: "I already have an account" })).toBeVisible();
      await expect(otherPage).toHaveURL(/\/invite\/[^/]+$/);
    } finally {
      await otherContext.close();
    }
  });
});

test.describe("revoking an invitation", () => {
  test("the owner revokes a pending invitation and its link stops working", async ({ page, browser }) => {
    const owner = await createUserWithWorkspace();
    await signInViaApi(page.request, owner.email, owner.password);
    const members = new MembersPage(page);
    await members.goto(owner.slug);
    const inviteeEmail = uniqueEmail("revoked");
    await members.invite(inviteeEmail, "manager");
    const link = firstLink((await latestEmail(inviteeEmail, "workspace.invitation")).text);

    await members.revokeInvitation(inviteeEmail);
    await expect(members.entry(inviteeEmail)).toHaveCount(0);
    await expect(page.getByText("No pending invitations")).toBeVisible();

    const inviteeContext = await browser.newContext();
    try {
      const invitee = await inviteeContext.newPage();
      await invitee.goto(link);
      await expect(
        invitee.getByRole("heading", { level: 1, name: "This invitation is no longer valid" }),
      ).toBeVisible();
      await expect(invitee.getByRole("link", { name: "Create an account to accept" })).toHaveCount(0);
    } finally {
      await inviteeContext.close();
    }
  });
});

test.describe("switching workspace", () => {
  test("the demo owner moves between Demo Live Studios and Northside Streams with the switcher", async ({ page }) => {
    await signInViaApi(page.request, demo("owner"));
    const shell = new WorkspaceShell(page);
    await shell.goto("demo");
    await expect(shell.heading).toHaveText("Demo Live Studios");
    await expect(shell.switcher).toHaveAccessibleName("Workspace: Demo Live Studios. Switch workspace");

    await shell.switchTo("Northside Streams");
    await expect(page).toHaveURL(/\/w\/northside$/);
    await expect(shell.heading).toHaveText("Northside Streams");
    await expect(shell.switcher).toHaveAccessibleName("Workspace: Northside Streams. Switch workspace");

    await shell.switchTo("Demo Live Studios");
    await expect(page).toHaveURL(/\/w\/demo$/);
    await expect(shell.heading).toHaveText("Demo Live Studios");
  });
});

test.describe("navigation by role", () => {
  const MANAGER = [
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
    "Settings",
  ];
  // The audit log and Payments (where the workspace's money goes) are the owners' alone.
  const OWNER = [...MANAGER.slice(0, -1), "Audit log", "Payments", "Settings"];
  const STAFF = [
    "Overview",
    "Run sheet",
    "Book a set",
    "Bookings",
    "Studios",
    "Shipments",
    "Receiving",
    "Inventory",
    "Storage",
    "API tokens",
    "Settings",
  ];
  const CREATOR = [
    "Overview",
    "Book a set",
    "Bookings",
    "Studios",
    "Shipments",
    "Inventory",
    "Storage",
    "Billing",
    "API tokens",
    "Settings",
  ];
  // Brands ship samples and receive webhooks about them; they never book rooms.
  const BRAND = ["Overview", "Studios", "Shipments", "Inventory", "API tokens", "Webhooks", "Settings"];
  const cases = [
    { role: "owner", links: OWNER },
    { role: "manager", links: MANAGER },
    { role: "staff", links: STAFF },
    { role: "creator", links: CREATOR },
    { role: "brand", links: BRAND },
  ] as const;

  for (const { role, links } of cases) {
    test(`the ${role} sees ${links.includes("Members") ? "Members" : "no Members"} in the main navigation`, async ({
      page,
    }) => {
      await signInViaApi(page.request, demo(role));
      const shell = new WorkspaceShell(page);
      await shell.goto("demo");
      await expect(shell.signedInAs()).toContainText(role);
      await expect(shell.navLinks).toHaveText([...links]);
      await expect(shell.nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

      // What the navigation hides, the page refuses too (as if it did not exist).
      if (!links.includes("Members")) {
        const res = await page.goto("/w/demo/settings/members");
        expect(res?.status()).toBe(404);
      }
    });
  }
});
