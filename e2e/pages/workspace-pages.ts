import { expect, type Locator, type Page } from "@playwright/test";

/** The signed-in shell around every /w/<slug> page: main navigation, workspace switcher, sign-out. */
export class WorkspaceShell {
  readonly nav;
  readonly navLinks;
  readonly heading;
  readonly switcher;
  readonly signOut;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.navLinks = this.nav.getByRole("link");
    this.heading = page.getByRole("heading", { level: 1 });
    this.switcher = page.getByRole("button", { name: /^Workspace: .+ Switch workspace$/ });
    this.signOut = page.getByRole("button", { name: "Sign out" });
  }

  async goto(slug: string, path = "") {
    await this.page.goto(`/w/${slug}${path}`);
    await expect(this.heading).toBeVisible();
  }

  /** The "Signed in as <name> <role>" line of the overview. */
  signedInAs(name?: string): Locator {
    return this.page.getByText(name ? `Signed in as ${name}` : /^Signed in as /);
  }

  async switchTo(workspaceName: string) {
    await this.switcher.click();
    await this.page.getByRole("menuitem", { name: workspaceName }).click();
  }
}

/** /w/<slug>/settings/members: invite someone, pending invitations, people in the workspace. */
export class MembersPage {
  readonly inviteForm;
  readonly inviteEmail;
  readonly inviteRole;

  constructor(readonly page: Page) {
    this.inviteForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Send invitation" }) });
    this.inviteEmail = this.inviteForm.getByLabel("Email");
    this.inviteRole = this.inviteForm.getByLabel("Role");
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/settings/members`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  }

  async invite(email: string, role: "owner" | "manager" | "creator") {
    await this.inviteEmail.fill(email);
    await this.inviteRole.selectOption(role);
    await this.inviteForm.getByRole("button", { name: "Send invitation" }).click();
    await expect(this.page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  }

  async revokeInvitation(email: string) {
    await this.page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
    await this.page.getByRole("button", { name: `Confirm: revoke invitation for ${email}` }).click();
    await expect(this.page.getByText("Invitation revoked.")).toBeVisible();
  }

  /** The entry for one person in "People in <workspace>" (or in "Pending invitations"). */
  entry(email: string): Locator {
    return this.page.getByRole("main").getByRole("listitem").filter({ hasText: email });
  }
}

/** /w/<slug>/settings/tokens: create a personal token (secret shown once) and revoke it. */
export class TokensPage {
  constructor(readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/settings/tokens`);
    await expect(this.page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  }

  /** Creates a token and returns the secret the page shows once. */
  async create(name: string) {
    await this.page.getByLabel("Token name").fill(name);
    await this.page.getByRole("button", { name: "Create token" }).click();
    await expect(this.page.getByText("Copy your new token now: it will not be shown again.")).toBeVisible();
    const secret = (await this.page.getByTestId("new-token").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^lb_\S{20,}$/);
    return secret;
  }

  row(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  async revoke(name: string) {
    await this.page.getByRole("button", { name: `Revoke token ${name}` }).click();
    await this.page.getByRole("button", { name: `Confirm revoke token ${name}` }).click();
    await expect(this.page.getByText("Token revoked. Requests using it now get 401.")).toBeVisible();
    await expect(this.row(name).getByText("revoked", { exact: true })).toBeVisible();
  }
}

/** /w/<slug>/studios: each studio's zone and weekly hours, and its rooms with capacity and booking lengths. */
export class StudiosPage {
  constructor(readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/studios`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Studios" })).toBeVisible();
  }

  /** The line of a studio's weekly hours (one entry per day). */
  hours(): Locator {
    return this.page
      .getByRole("main")
      .locator("p")
      .filter({ hasText: /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) / });
  }

  /** A room's row in its studio's table. */
  room(name: string): Locator {
    return this.page.getByRole("row").filter({ hasText: name });
  }
}

/** /w/<slug>/billing as an owner or manager: creators' balances and the most recent invoices. */
export class ManagerBillingPage {
  readonly invoices;

  constructor(readonly page: Page) {
    this.invoices = page.getByRole("table", { name: "The 50 most recent invoices" });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/billing`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  }

  invoice(description: string): Locator {
    return this.invoices.getByRole("row").filter({ hasText: description });
  }
}
