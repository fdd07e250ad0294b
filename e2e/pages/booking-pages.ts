import { expect, type Locator, type Page } from "@playwright/test";
import { cents, type Slot } from "../support/bookings";

/** /w/<slug>/book: the bookable rooms, one section per studio. */
export class BookPage {
  readonly heading;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Book a set" });
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/book`);
    await expect(this.heading).toBeVisible();
  }

  studio(name: string | RegExp): Locator {
    return this.page.getByRole("region", { name });
  }

  async openRoom(studio: string | RegExp, room: string) {
    await this.studio(studio).getByRole("link", { name: room, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: room })).toBeVisible();
  }
}

/**
 * /w/<slug>/book/<roomId>: session length, week navigation and the week's start times (also for a move): free
 * ones are radios, taken ones read "<day> <start>–<end> taken" with a Join the waitlist button.
 */
export class RoomWeekPage {
  readonly heading;
  readonly length;
  readonly showTimes;
  readonly weeks;
  readonly freeTimes;
  readonly days;
  readonly hold;
  readonly move;
  readonly confirmMove;
  readonly movePrice;
  readonly creator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.length = page.getByRole("combobox", { name: "Session length" });
    this.showTimes = page.getByRole("button", { name: "Show free times" });
    this.weeks = page.getByRole("navigation", { name: "Weeks" });
    this.freeTimes = page.getByRole("group", { name: /^Start times/ });
    // One group per day, named by its label ("Tue 1 Dec"); the radios in it are the free start times.
    this.days = this.freeTimes.getByRole("group", { name: /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}$/ });
    this.hold = page.getByRole("button", { name: "Hold this slot and see the price" });
    this.move = page.getByRole("button", { name: "See the new price" });
    this.confirmMove = page.getByRole("button", { name: "Confirm the move" });
    this.movePrice = page.getByRole("group", { name: "Price of the move" });
    this.creator = page.getByRole("combobox", { name: "Book for creator" });
  }

  /** Picks a session length ("3 h") and waits for the week to be shown for it. */
  async chooseLength(label: string, minutes: number) {
    await this.length.selectOption({ label });
    await this.showTimes.click();
    await expect(this.page).toHaveURL(new RegExp(`duration=${minutes}(&|$)`));
    await expect(this.freeTimes).toBeVisible();
  }

  async nextWeek() {
    const shown = await this.weekLabel();
    await this.weeks.getByRole("link", { name: "Next week" }).click();
    await expect(this.weeks).not.toContainText(shown);
    await expect(this.freeTimes).toBeVisible();
  }

  /** The taken start "<start>–<end>" on a day ("Tue 8 Dec") and its Join the waitlist button. */
  takenSlot(day: string, time: string) {
    return {
      text: this.freeTimes.getByText(`${day} ${time} taken`, { exact: true }),
      join: this.page.getByRole("button", { name: `Join the waitlist for ${day} ${time}` }),
    };
  }

  async weekLabel() {
    return (await this.weeks.getByText(/ – /).textContent()) ?? "";
  }

  /**
   * Checks the first free start of the LAST day of the shown week that has one (so the slot is days away
   * whatever today is), moving on a week while the shown one is full. Returns the slot and the radio's name.
   */
  async pickFreeSlotLateInWeek(): Promise<Slot & { name: string }> {
    for (let week = 0; week < 4; week++) {
      await expect(this.freeTimes).toBeVisible();
      const days = await this.days.all();
      for (const day of days.reverse()) {
        if ((await day.getByRole("radio").count()) > 0) return this.pickFirstIn(day);
      }
      await this.nextWeek();
    }
    throw new Error("no free start time in four weeks");
  }

  /**
   * Checks the earliest free start on offer: the first one of the first day of the shown week (today's, on first
   * opening) that has one, moving on a week while the shown one has none left. Returns the slot and the radio's name.
   */
  async pickEarliestFreeSlot(): Promise<Slot & { name: string }> {
    for (let week = 0; week < 2; week++) {
      await expect(this.freeTimes).toBeVisible();
      for (const day of await this.days.all()) {
        if ((await day.getByRole("radio").count()) > 0) return this.pickFirstIn(day);
      }
      await this.nextWeek();
    }
    throw new Error("no free start time this week or next");
  }

  /** Checks a day's first free start (in the order of the day). */
  private async pickFirstIn(day: Locator): Promise<Slot & { name: string }> {
    // The radio itself is visually hidden: a person clicks the time shown in its label.
    const label = day.locator("label").first();
    const radio = label.getByRole("radio");
    await label.click();
    await expect(radio).toBeChecked();
    const [startsAt, endsAt] = ((await radio.getAttribute("value")) ?? "").split("|");
    const name = (await radio.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "")).trim();
    return { startsAt, endsAt, name };
  }
}

/** /w/<slug>/bookings/<id>: status, studio time, price, check-in code, and change or cancel. */
export class BookingPage {
  readonly heading;
  readonly confirm;
  readonly price;
  readonly code;
  readonly reschedule;
  readonly cancel;
  readonly release;
  readonly cancelForm;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.confirm = page.getByRole("button", { name: "Confirm booking" });
    this.price = page.getByRole("table", { name: /^Price of booking / });
    this.code = page.getByTestId("booking-code");
    this.reschedule = page.getByRole("link", { name: "Reschedule" });
    this.cancel = page.getByRole("button", { name: "Cancel booking…" });
    this.release = page.getByRole("button", { name: "Release hold…" });
    this.cancelForm = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: /^Yes, (cancel booking|release hold)$/ }) });
  }

  async goto(slug: string, id: string) {
    await this.page.goto(`/w/${slug}/bookings/${id}`);
    await expect(this.heading).toBeVisible();
  }

  async expectStatus(room: string, status: "held" | "confirmed" | "cancelled" | "completed") {
    await expect(this.heading).toHaveText(new RegExp(`^${room}\\s*${status}$`));
  }

  /** The rows of the price table as { item, cents }, the total row last. */
  async priceLines() {
    await expect(this.price).toBeVisible();
    const rows = await this.price
      .getByRole("row")
      .filter({ has: this.page.getByRole("cell") })
      .all();
    return Promise.all(
      rows.map(async (row) => {
        const [item, amount] = await row.getByRole("cell").allTextContents();
        return { item, cents: cents(amount) };
      }),
    );
  }

  qr(code: string) {
    return this.page.getByRole("img", { name: `QR code of booking code ${code}` });
  }

  /** Opens the cancel form (which states the fee again) and returns it; the caller confirms. */
  async openCancel(verb: "Cancel booking" | "Release hold" = "Cancel booking") {
    await (verb === "Cancel booking" ? this.cancel : this.release).click();
    await expect(this.cancelForm).toBeVisible();
    return this.cancelForm.getByRole("button", { name: `Yes, ${verb.toLowerCase()}` });
  }
}
