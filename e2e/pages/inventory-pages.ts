import { expect, type Locator, type Page } from "@playwright/test";

/** /w/<slug>/receiving: the scan box, a box's count, the unexpected-box form. */
export class ReceivingPage {
  readonly heading;
  readonly scanBox;
  readonly receiveButton;
  readonly receipt;
  readonly discrepancies;
  readonly unexpectedBox;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Receiving" });
    this.scanBox = page.getByRole("textbox", { name: "Shipment code or tracking number" });
    this.receiveButton = page.getByRole("button", { name: "Confirm receipt" });
    this.receipt = page.getByTestId("receipt-result");
    this.discrepancies = page.getByTestId("discrepancies");
    this.unexpectedBox = page.getByRole("form", { name: "Log an unexpected box" });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/receiving`);
    await expect(this.heading).toBeVisible();
  }

  /** Like a barcode scanner: the code typed into the focused box, then Enter. */
  async scan(code: string) {
    await expect(this.scanBox).toBeFocused();
    await this.page.keyboard.type(code);
    await this.page.keyboard.press("Enter");
    await expect(this.page).toHaveURL(new RegExp(`[?&]code=${encodeURIComponent(code)}`));
  }

  /** The inputs of one expected item ("LIP-01 Lipstick"). */
  line(item: string) {
    const group = this.page.getByRole("group", { name: item });
    return {
      group,
      received: group.getByLabel("Received now"),
      damaged: group.getByLabel("Damaged"),
      place: group.getByLabel("Put in"),
    };
  }

  async addBin(code: string) {
    const details = this.page.locator("details").filter({ hasText: "Add a bin or shelf" });
    if (!(await details.getAttribute("open").then((v) => v !== null)))
      await details.getByText("Add a bin or shelf").click();
    await details.getByLabel("Code on its label").fill(code);
    await details.getByRole("button", { name: "Add", exact: true }).click();
    await expect(this.page.getByText(`Added bin ${code}.`)).toBeVisible();
  }
}

/** /w/<slug>/inventory: bins and shelves, and the stock table with its per-row forms. */
export class InventoryPage {
  readonly heading;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Inventory" });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/inventory`);
    await expect(this.heading).toBeVisible();
  }

  stock(): Locator {
    return this.page.getByRole("table", { name: /^Stock in / });
  }

  row(sku: string, shipmentCode: string): Locator {
    return this.stock().getByRole("row").filter({ hasText: sku }).filter({ hasText: shipmentCode });
  }
}

/** /w/<slug>/inventory/leftovers: shipments whose leftovers are due. */
export class LeftoversPage {
  readonly heading;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Leftovers due" });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/inventory/leftovers`);
    await expect(this.heading).toBeVisible();
  }

  row(code: string): Locator {
    return this.page.getByRole("row").filter({ hasText: code });
  }
}

/** The *Samples* card of a booking page. */
export class SamplesCard {
  readonly card;
  readonly overall;

  constructor(readonly page: Page) {
    this.card = page.getByRole("region", { name: "Samples" });
    this.overall = this.card.getByTestId("samples-state");
  }

  row(sku: string): Locator {
    return this.card.getByRole("row").filter({ hasText: sku });
  }
}
