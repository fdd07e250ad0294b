import { expect, type Locator, type Page } from "@playwright/test";

/** The toast or alert a setup form answers with. */
export const said = (page: Page, text: string | RegExp) => page.getByText(text).first();

/** /w/<slug>/setup: the studios, a form to add one (with its weekly hours), the policies. */
export class SetupPage {
  readonly heading;
  readonly studios;
  readonly newStudio;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Setup" });
    this.studios = page.locator("section").filter({ has: page.getByRole("heading", { name: "Studios", exact: true }) });
    this.newStudio = new StudioForm(page.getByRole("form", { name: "New studio" }));
  }

  async goto(slug: string) {
    await this.page.goto(`/w/${slug}/setup`);
    await expect(this.heading).toBeVisible();
  }

  async openStudio(name: string) {
    await this.studios.getByRole("link", { name: new RegExp(`^${name}`) }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
}

/** A studio's details and weekly hours; `range` finds a range's time inputs by their labels ("Monday range 2 opens"). */
export class StudioForm {
  readonly name;
  readonly timeZone;
  readonly address;
  readonly currency;

  constructor(readonly form: Locator) {
    this.name = form.getByLabel("Name", { exact: true });
    this.timeZone = form.getByLabel("Time zone");
    this.address = form.getByLabel("Address");
    this.currency = form.getByLabel("Currency");
  }

  /** Opens a closed day (one range, 09:00–17:00) or adds a range to an open one. */
  async addRange(day: string) {
    await this.form.getByRole("button", { name: new RegExp(`^(Open|Add a range) on ${day}$`) }).click();
  }

  range(day: string, index?: number) {
    const which = index === undefined ? day : `${day} range ${index}`;
    return {
      opens: this.form.getByLabel(`${which} opens`, { exact: true }),
      closes: this.form.getByLabel(`${which} closes`, { exact: true }),
    };
  }

  async submit() {
    await this.form.getByRole("button", { name: /^(Add|Save) studio$/ }).click();
  }
}

/** The room form (on a studio's page to add one, on a room's page to edit it). */
export class RoomForm {
  constructor(readonly form: Locator) {}

  async fill(room: {
    name: string;
    kind?: string;
    capacity?: string;
    features?: string;
    rate: string;
    step?: string;
    min?: string;
    max?: string;
    buffer?: string;
  }) {
    await this.form.getByLabel("Name").fill(room.name);
    await this.form.getByLabel("Kind").fill(room.kind ?? "");
    await this.form.getByLabel("Capacity (people)").fill(room.capacity ?? "2");
    await this.form.getByLabel(/^Hourly rate/).fill(room.rate);
    await this.form.getByLabel("Features").fill(room.features ?? "");
    await this.form.getByLabel("Start times every").selectOption({ label: `${room.step ?? "30"} minutes` });
    await this.form.getByLabel("Shortest booking (min)").fill(room.min ?? "60");
    await this.form.getByLabel("Longest booking (min)").fill(room.max ?? "240");
    await this.form.getByLabel("Turnover buffer (min)").fill(room.buffer ?? "15");
  }

  get open() {
    return this.form.getByLabel("Open for booking");
  }

  async submit() {
    await this.form.getByRole("button", { name: /^(Add|Save) room$/ }).click();
  }
}

/** /w/<slug>/setup/rooms/<id>: the room's details, its peak rules and its maintenance blocks. */
export class RoomSetupPage {
  readonly details;
  readonly rules;
  readonly ruleForm;
  readonly blockForm;

  constructor(
    readonly page: Page,
    readonly room: string,
  ) {
    this.details = new RoomForm(page.getByRole("form", { name: `Details of ${room}` }));
    this.rules = page.getByRole("list", { name: `Peak rules of ${room}` });
    this.ruleForm = page.getByRole("form", { name: "New peak rule" });
    this.blockForm = page.getByRole("form", { name: "New maintenance block" });
  }

  async addRule(rule: {
    name: string;
    weekday: string;
    from: string;
    until: string;
    kind: "rate" | "multiplier";
    price: string;
  }) {
    await this.ruleForm.getByLabel("Name (optional)").fill(rule.name);
    await this.ruleForm.getByLabel("Weekday").selectOption({ label: rule.weekday });
    await this.ruleForm.getByLabel("From").fill(rule.from);
    await this.ruleForm.getByLabel("Until").fill(rule.until);
    await this.ruleForm.getByLabel("Price as").selectOption(rule.kind);
    await this.ruleForm.getByLabel("Rate or multiplier").fill(rule.price);
    await this.ruleForm.getByRole("button", { name: "Add peak rule" }).click();
  }
}
