import { expect, type Locator, type Page } from "@playwright/test";

/** /w/<slug>/storage: the reserve form and the reservations, each a card with its goods and actions. */
export class StoragePage {
  readonly heading;
  readonly reserveForm;
  readonly summary;
  readonly current;
  readonly past;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Storage" });
    this.reserveForm = page.getByRole("form", { name: "Reserve a unit" });
    this.summary = page.getByTestId("reserve-summary");
    this.current = page.getByRole("list", { name: "Current and upcoming reservations" });
    this.past = page.getByRole("list", { name: /^Past reservations/ });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/storage`);
    await expect(this.heading).toBeVisible();
  }

  /** Fills the reserve form (the studio by name, the unit by id) and sends it. */
  async reserve(opts: { studio: string; unitId: string; first: string; last: string }) {
    const form = this.reserveForm;
    await form.getByLabel("Studio").selectOption({ label: opts.studio });
    await form.getByLabel("Unit", { exact: true }).selectOption(opts.unitId);
    await form.getByLabel("First night").fill(opts.first);
    await form.getByLabel("Last night").fill(opts.last);
    await form.getByRole("button", { name: "Reserve" }).click();
  }

  /** The card of a reservation of one unit (in `list`, or anywhere on the page). */
  reservation(unitCode: string, list?: Locator): Locator {
    return (list ?? this.page).getByRole("article", { name: new RegExp(`^Unit ${unitCode} · `) });
  }

  /** Checks goods into a reservation's unit, one row per item. */
  async checkIn(card: Locator, items: { name: string; sku: string; quantity: number }[]) {
    await card.getByText("Check in goods…").click();
    for (const [n, item] of items.entries()) {
      if (n > 0) await card.getByRole("button", { name: "Add another item" }).click();
      const row = card.getByRole("group", { name: `Item ${n + 1}` });
      await row.getByLabel("What it is").fill(item.name);
      await row.getByLabel("SKU").fill(item.sku);
      await row.getByLabel("Quantity").fill(String(item.quantity));
    }
    await card.getByRole("button", { name: "Check in", exact: true }).click();
  }
}

/** /w/<slug>/storage/board: units × nights of one studio. */
export class StorageBoardPage {
  readonly heading;
  readonly grid;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Storage board" });
    this.grid = page.getByRole("table", { name: /^Storage units of / });
  }

  async goto(slug: string, query = "") {
    await this.page.goto(`/w/${slug}/storage/board${query}`);
    await expect(this.heading).toBeVisible();
  }

  /** Picks another studio (owners and managers run every studio's board) with the picker above the grid. */
  async showStudio(name: string) {
    await this.page.getByLabel("Studio", { exact: true }).selectOption({ label: name });
    await this.page.getByRole("button", { name: "Show" }).click();
    await expect(this.page.getByRole("heading", { level: 2, name })).toBeVisible();
  }

  /** The nights of one unit, in order (the row header is the unit). */
  nights(unitCode: string): Locator {
    return this.grid
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: new RegExp(`^Unit ${unitCode}\\b`) }) })
      .getByRole("cell");
  }
}
