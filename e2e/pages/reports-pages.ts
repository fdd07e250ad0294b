import { expect, type Page } from "@playwright/test";

/** /w/<slug>/reports: the month range form, the totals per currency, the charts and tables, the CSV downloads. */
export class ReportsPage {
  readonly heading;
  readonly form;
  readonly from;
  readonly to;
  readonly revenue;
  readonly utilization;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Reports" });
    this.form = page.getByRole("form", { name: "Months to report on" });
    this.from = this.form.getByLabel("From month");
    this.to = this.form.getByLabel("To month");
    this.revenue = page.getByRole("region", { name: /^Revenue, / });
    this.utilization = page.getByRole("region", { name: /^Utilization, / });
  }

  async show(from: string, to: string) {
    await this.from.fill(from);
    await this.to.fill(to);
    await this.form.getByRole("button", { name: "Show" }).click();
    await expect(this.page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
  }

  /** The revenue, paid and outstanding figures of one currency, as shown. */
  async summary(currency: string) {
    const card = this.page.getByRole("region", { name: `Totals in ${currency}` });
    const figure = (label: string) =>
      card.locator("dt", { hasText: `${label} (${currency})` }).locator("xpath=following-sibling::dd[1]");
    return {
      revenue: await figure("Revenue").innerText(),
      paid: await figure("Paid").innerText(),
      outstanding: await figure("Outstanding").innerText(),
    };
  }

  /** Clicks a section's "Download CSV" and reads the file. */
  async downloadCsv(report: "revenue" | "utilization") {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: `Download CSV of ${report}` }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return { filename: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }
}
