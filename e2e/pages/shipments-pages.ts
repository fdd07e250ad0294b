import { expect, type Page } from "@playwright/test";

/** /w/<slug>/shipments: the filters and the list of shipments the person may see. */
export class ShipmentsPage {
  readonly heading;
  readonly newShipment;
  readonly filters;
  readonly table;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Shipments" });
    this.newShipment = page.getByRole("link", { name: "New shipment" });
    this.filters = page.getByRole("search", { name: "Filter shipments" });
    this.table = page.getByRole("table");
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/shipments`);
    await expect(this.heading).toBeVisible();
  }

  /** Searches by code, tracking number or SKU through the GET form. */
  async search(text: string) {
    await this.filters.getByLabel("Code, tracking number or SKU").fill(text);
    await this.filters.getByRole("button", { name: "Filter" }).click();
    await expect(this.page).toHaveURL(/[?&]q=/);
  }

  row(code: string) {
    return this.table.getByRole("row").filter({ hasText: code });
  }
}

export type ItemCell = "SKU" | "Product name" | "Quantity" | "Declared value (optional)";

/** /w/<slug>/shipments/new: where the box goes, delivery, leftovers, the item rows and the CSV import. */
export class NewShipmentPage {
  readonly heading;
  readonly studio;
  readonly creator;
  readonly session;
  readonly carrier;
  readonly tracking;
  readonly expectedOn;
  readonly leftovers;
  readonly leftoverDays;
  readonly addItem;
  readonly csv;
  readonly csvProblems;
  readonly submit;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "New shipment" });
    this.studio = page.getByLabel("Studio", { exact: true });
    this.creator = page.getByLabel("Creator (optional)");
    this.session = page.getByLabel("Session (optional, studio time)");
    this.carrier = page.getByLabel("Carrier (optional)");
    this.tracking = page.getByLabel("Tracking number (optional)");
    this.expectedOn = page.getByLabel("Expected on (optional)");
    this.leftovers = page.getByLabel("What happens to what is left");
    this.leftoverDays = page.getByLabel("After how many days");
    this.addItem = page.getByRole("button", { name: "Add an item" });
    this.csv = page.getByLabel("Import items from CSV");
    this.csvProblems = page.getByRole("list", { name: "Problems in the file" });
    this.submit = page.getByRole("button", { name: "Announce shipment" });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/shipments/new`);
    await expect(this.heading).toBeVisible();
  }

  /** A cell of item row n (1-based), found by its label like a screen reader would ("Item 2 Quantity"). */
  item(n: number, cell: ItemCell) {
    return this.page.getByLabel(`Item ${n} ${cell}`, { exact: true });
  }

  async fillItem(n: number, item: { sku: string; name: string; quantity?: string; value?: string }) {
    await this.item(n, "SKU").fill(item.sku);
    await this.item(n, "Product name").fill(item.name);
    if (item.quantity !== undefined) await this.item(n, "Quantity").fill(item.quantity);
    if (item.value !== undefined) await this.item(n, "Declared value (optional)").fill(item.value);
  }

  /** Addressed to a studio and a creator, with the first of their upcoming sessions there if there is one. */
  async address(studio: string, creator: string) {
    await this.studio.selectOption({ label: studio });
    await this.creator.selectOption({ label: creator });
    const sessions = await this.session.locator("option").count();
    if (sessions > 1) await this.session.selectOption({ index: 1 });
    return sessions > 1;
  }

  async importCsv(name: string, text: string) {
    await this.csv.setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  }
}

/** /w/<slug>/shipments/<id>: the header, the items, the discrepancies and the timeline. */
export class ShipmentPage {
  readonly code;
  readonly timeline;
  readonly items;
  readonly printLabel;

  constructor(readonly page: Page) {
    this.code = page.getByTestId("shipment-code");
    this.timeline = page.getByRole("list", { name: /^Timeline of / });
    this.items = page.getByRole("table", { name: /^Items of shipment / });
    this.printLabel = page.getByRole("link", { name: "Print label" });
  }

  /** Waits for a shipment page and answers its id and code. */
  async current() {
    await expect(this.page).toHaveURL(/\/shipments\/[0-9a-f-]{36}(\?|$)/);
    await expect(this.code).toHaveText(/^SH-/);
    const id = /\/shipments\/([0-9a-f-]{36})/.exec(this.page.url())?.[1] ?? "";
    return { id, code: (await this.code.textContent()) ?? "" };
  }
}

/** /w/<slug>/shipments/<id>/label: the printable label. */
export class ShipmentLabelPage {
  readonly code;
  readonly print;

  constructor(readonly page: Page) {
    this.code = page.getByTestId("label-code");
    this.print = page.getByRole("button", { name: "Print" });
  }

  qr(code: string) {
    return this.page.getByRole("img", { name: `QR code of shipment code ${code}` });
  }
}
