import { expect, type Locator, type Page } from "@playwright/test";

/** /w/<slug>/settings/webhooks: a brand's endpoints (add, test, enable/disable, rotate, delete). */
export class WebhooksPage {
  readonly heading;
  readonly urlField;
  readonly descriptionField;
  readonly addButton;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Webhooks" });
    this.urlField = page.getByLabel("Endpoint URL");
    this.descriptionField = page.getByLabel("Description (optional)");
    this.addButton = page.getByRole("button", { name: "Add endpoint" });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/settings/webhooks`);
    await expect(this.heading).toBeVisible();
  }

  /** The checkbox of one event in the "New endpoint" form. */
  newEvent(event: string): Locator {
    return this.page
      .locator("form")
      .filter({ has: this.addButton })
      .getByRole("checkbox", { name: new RegExp(`^${event.replace(".", "\\.")}\\b`) });
  }

  /** Adds an endpoint and returns the signing secret the page shows once. */
  async create(input: { url: string; description: string; events: string[] }) {
    await this.urlField.fill(input.url);
    await this.descriptionField.fill(input.description);
    for (const e of input.events) await this.newEvent(e).check();
    await this.addButton.click();
    await expect(
      this.page.getByText("Endpoint added. Copy its signing secret now: it will not be shown again."),
    ).toBeVisible();
    const secret = (await this.page.getByTestId("webhook-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    return secret;
  }

  /** The card of one endpoint (an item of "Your endpoints"), found by its description. */
  endpoint(description: string): Locator {
    return this.page
      .getByRole("region", { name: "Your endpoints" })
      .getByRole("listitem")
      .filter({ hasText: description });
  }

  async delete(description: string) {
    await this.page.getByRole("button", { name: `Delete ${description}`, exact: true }).click();
    await this.page.getByRole("button", { name: `Confirm: delete ${description} and its delivery log` }).click();
    await expect(this.page.getByText("Endpoint deleted, with its delivery log.")).toBeVisible();
  }
}

/** /w/<slug>/settings/webhooks/<endpoint>: the delivery log, with Replay. */
export class DeliveryLogPage {
  readonly heading;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Delivery log" });
  }

  row(event: string): Locator {
    return this.page.getByTestId("delivery-row").filter({ hasText: event });
  }
}
