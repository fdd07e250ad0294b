import { expect, type Locator, type Page } from "@playwright/test";

/** /w/<slug>/run-sheet: the day's filters, the desk (check-in by code, block a room), the timeline and the list. */
export class RunSheetPage {
  readonly heading;
  readonly filters;
  readonly date;
  readonly show;
  readonly checkIn;
  readonly scanBox;
  readonly timeline;
  readonly list;
  readonly blockForm;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Run sheet" });
    this.filters = page.getByRole("form", { name: "Choose the day" });
    this.date = this.filters.getByLabel("Date");
    this.show = this.filters.getByRole("button", { name: "Show" });
    this.checkIn = page.getByRole("form", { name: "Check in by code" });
    this.scanBox = this.checkIn.getByRole("textbox", { name: "Booking code" });
    this.timeline = page.getByRole("region", { name: /^Timeline of / });
    this.list = page.getByRole("region", { name: "The day, room by room" });
    this.blockForm = page.getByRole("form", { name: "Block a room" });
  }

  async goto(slug: string, query = "") {
    await this.page.goto(`/w/${slug}/run-sheet${query}`);
    await expect(this.heading).toBeVisible();
  }

  /**
   * A session's block on the timeline, by its accessible name ("Chloe Creator, 19:00–21:00, checked in") and, given
   * its id, the booking it links to (a retry, or another run on the same database, has blocks with the same name).
   */
  block(name: string | RegExp, bookingId?: string): Locator {
    const link = this.timeline.getByRole("link", { name });
    return bookingId ? link.and(this.timeline.locator(`a[href$="/bookings/${bookingId}"]`)) : link;
  }

  /** What the desk answered to the last scan (a check-in, or why not). */
  readonly answer = () => this.checkIn.getByRole("status").or(this.checkIn.getByRole("alert"));

  /**
   * Like a barcode scanner: the code typed into the focused box (replacing a refused code, which stays selected),
   * then Enter. The answer is checked by the caller with the text it expects.
   */
  async scan(code: string) {
    await expect(this.scanBox).toBeFocused();
    await this.page.keyboard.type(code);
    await expect(this.scanBox).toHaveValue(code);
    await this.page.keyboard.press("Enter");
  }

  async chooseDate(date: string) {
    await this.date.fill(date);
    await this.show.click();
    await expect(this.page).toHaveURL(new RegExp(`date=${date}`));
  }
}

/** /w/<slug>/dashboard: today per studio, and the utilization heatmap. */
export class DashboardPage {
  readonly heading;
  readonly heatmap;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Dashboard" });
    this.heatmap = page.getByRole("table", { name: /^Share of each hour booked at / });
  }

  async goto(slug: string, query = "") {
    await this.page.goto(`/w/${slug}/dashboard${query}`);
    await expect(this.heading).toBeVisible();
  }

  studio(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** A figure of a studio's card ("Sessions", "No-shows", …). */
  figure(studio: string, term: string): Locator {
    return this.studio(studio)
      .locator("dt", { hasText: new RegExp(`^${term}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }
}
