import { expect, type Page } from "@playwright/test";

/** /sign-in: the password form and, below it, the "email me a link" form. */
export class SignInPage {
  readonly heading;
  readonly email;
  readonly password;
  readonly submit;
  readonly linkEmail;
  readonly sendLink;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Sign in to Livebase" });
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Sign in", exact: true });
    this.linkEmail = page.getByLabel("Email for a sign-in link");
    this.sendLink = page.getByRole("button", { name: "Email me a sign-in link" });
  }

  async goto() {
    await this.page.goto("/sign-in");
    await expect(this.heading).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  async expectWrongPassword(email: string) {
    await expect(
      this.page.getByRole("alert").filter({ hasText: "That email and password do not match an account." }),
    ).toBeVisible();
    await expect(this.email).toHaveValue(email);
  }
}

/** /sign-up: name, email, password. */
export class SignUpPage {
  readonly heading;
  readonly name;
  readonly email;
  readonly password;
  readonly submit;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Create your Livebase account" });
    this.name = page.getByLabel("Your name");
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Create account" });
  }

  async goto() {
    await this.page.goto("/sign-up");
    await expect(this.heading).toBeVisible();
  }

  async signUp(input: { name: string; email?: string; password: string }) {
    await this.name.fill(input.name);
    if (input.email !== undefined) await this.email.fill(input.email);
    await this.password.fill(input.password);
    await this.submit.click();
  }
}

/** /workspaces: the list of the user's workspaces, or the empty state. */
export class WorkspacesPage {
  readonly heading;
  readonly emptyState;
  readonly create;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Your workspaces" });
    this.emptyState = page.getByText("You are not in a workspace yet");
    this.create = page.getByRole("link", { name: "Create a workspace" });
  }

  async expectEmpty() {
    await expect(this.page).toHaveURL(/\/workspaces$/);
    await expect(this.heading).toBeVisible();
    await expect(this.emptyState).toBeVisible();
  }

  /** Creates a workspace through /workspaces/new; the caller checks where it lands. */
  async createWorkspace(input: { name: string; slug: string }) {
    await this.create.click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Create a workspace" })).toBeVisible();
    await this.page.getByLabel("Company or studio name").fill(input.name);
    await this.page.getByLabel("Address").fill(input.slug);
    await this.page.getByRole("button", { name: "Create workspace" }).click();
  }
}
