import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { BookPage, BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { RoomForm, RoomSetupPage, SetupPage, StudioForm, said } from "./pages/setup-pages";
import { WorkspaceShell } from "./pages/workspace-pages";
import { createUserWithWorkspace, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";
import { DAY_MS } from "../kernel/time";

const LA = "Los Angeles – Arts District";

/** The page scrolls only vertically: nothing sticks out past the right edge of the screen. */
async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth + 1);
}

/**
 * Sonner's rich-colour success toast fails WCAG colour contrast (components/ui/toaster.tsx, not this feature):
 * let the toasts go before axe looks at the page.
 */
async function waitForToastsToGo(page: Page) {
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
}

test("a manager adds a room with a Friday-evening peak rate; a creator booking it on a Friday evening is quoted that rate", async ({
  page,
  browser,
}) => {
  const id = randomUUID().slice(0, 6);
  const roomName = `Set P – Peak ${id}`;
  const setupRoom = new RoomSetupPage(page, roomName);
  await signInViaApi(page.request, demo("manager"));

  await test.step("the manager adds the room to the Los Angeles studio from Setup", async () => {
    const shell = new WorkspaceShell(page);
    await shell.goto("demo");
    await shell.nav.getByRole("link", { name: "Setup" }).click();
    const setup = new SetupPage(page);
    await expect(setup.heading).toBeVisible();
    await setup.openStudio(LA);
    const form = new RoomForm(page.getByRole("form", { name: "New room" }));
    await form.fill({
      name: roomName,
      kind: "beauty",
      features: "ring light, vanity",
      rate: "70.00",
      step: "30",
      min: "60",
      max: "240",
    });
    await form.submit();
    await expect(page.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
    await expect(said(page, "Room added.")).toBeVisible();
    await expect(setupRoom.details.form.getByLabel(/^Hourly rate/)).toHaveValue("70.00");
    await expect(page.getByText("No peak rules")).toBeVisible();
  });

  await test.step("and prices Friday 18:00–23:00 at $150.00 an hour", async () => {
    await setupRoom.addRule({
      name: "Friday evening",
      weekday: "Friday",
      from: "18:00",
      until: "23:00",
      kind: "rate",
      price: "150",
    });
    await expect(said(page, "Peak rule “Friday evening” added.")).toBeVisible();
    await expect(setupRoom.rules.getByRole("listitem")).toHaveCount(1);
    await expect(setupRoom.rules).toContainText("Friday 18:00–23:00");
    await expect(setupRoom.rules).toContainText("Friday evening: $150.00 / hour");
  });

  const creator = await browser.newContext();
  try {
    const creatorPage = await creator.newPage();
    await signInViaApi(creatorPage.request, demo("creator"));
    const booking = new BookingPage(creatorPage);

    await test.step("the creator holds Friday 18:00–19:00 of a coming week in that room", async () => {
      const book = new BookPage(creatorPage);
      await book.goto("demo");
      await book.openRoom(new RegExp(`^${LA}`), roomName);
      const room = new RoomWeekPage(creatorPage);
      await room.nextWeek();
      const friday = room.freeTimes.getByRole("group", { name: /^Fri \d{1,2} [A-Z][a-z]{2}$/ });
      const slot = friday.getByRole("radio", { name: /18:00–19:00$/ });
      // The radio is visually hidden inside its label (a styled chip): pick it the way a person does.
      await friday
        .locator("label")
        .filter({ has: creatorPage.getByRole("radio", { name: /18:00–19:00$/ }) })
        .click();
      await expect(slot).toBeChecked();
      await room.hold.click();
      await booking.expectStatus(roomName, "held");
    });

    await test.step("the quote prices that hour at the peak rate", async () => {
      const lines = await booking.priceLines();
      expect(lines).toEqual([
        { item: `${roomName}, 18:00–19:00 (peak: Friday evening)`, cents: 15000 },
        // Los Angeles prices exclude CA sales tax: it is its own line, added on top.
        { item: "Subtotal", cents: 15000 },
        { item: "CA sales tax 9.5 %", cents: 1425 },
        { item: "Total", cents: 16425 },
      ]);
      // Let the slot go: the room is this run's own, but leave nothing held.
      await (await booking.openCancel("Release hold")).click();
      await booking.expectStatus(roomName, "cancelled");
    });
  } finally {
    await creator.close();
  }

  await test.step("closed for booking, the room leaves the creators' list", async () => {
    await page.reload();
    await setupRoom.details.open.uncheck();
    await setupRoom.details.submit();
    await expect(said(page, "Room saved.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: roomName })).toContainText("closed for booking");
    const book = new BookPage(page);
    await book.goto("demo");
    await expect(page.getByRole("link", { name: roomName })).toHaveCount(0);
  });
});

test("an owner sets up a first studio: hours past midnight, a closure, an add-on and the policies; mistakes keep what was typed", async ({
  page,
}) => {
  const owner = await createUserWithWorkspace();
  await signInViaApi(page.request, owner.email);
  const setup = new SetupPage(page);
  await setup.goto(owner.slug);
  await expect(setup.studios).toContainText("No studios yet");

  await test.step("overlapping ranges are refused with the day named, and nothing typed is lost", async () => {
    const form = setup.newStudio;
    await form.name.fill("Berlin Loft");
    await form.timeZone.selectOption("Europe/Berlin");
    await form.addRange("Monday");
    await form.addRange("Monday");
    await form.range("Monday", 2).opens.fill("16:00");
    await form.range("Monday", 2).closes.fill("02:00");
    await form.submit();
    await expect(page.getByText("Monday: the ranges overlap.")).toBeVisible();
    await expect(form.name).toHaveValue("Berlin Loft");
    await expect(form.timeZone).toHaveValue("Europe/Berlin");
    await expect(form.range("Monday", 2).opens).toHaveValue("16:00");
    await expectAccessible(page);

    await form.range("Monday", 2).opens.fill("18:00");
    await form.addRange("Saturday");
    await form.range("Saturday").opens.fill("00:00");
    await form.range("Saturday").closes.fill("00:00");
    await form.submit();
    await expect(page.getByRole("heading", { level: 1, name: "Berlin Loft" })).toBeVisible();
  });

  const studio = new StudioForm(page.getByRole("form", { name: "Details of Berlin Loft" }));
  await test.step("the hours come back as saved, 18:00–02:00 running past midnight", async () => {
    await expect(studio.range("Monday", 1).opens).toHaveValue("09:00");
    await expect(studio.range("Monday", 2).opens).toHaveValue("18:00");
    await expect(studio.range("Monday", 2).closes).toHaveValue("02:00");
    await expect(studio.range("Saturday").closes).toHaveValue("00:00");
    await expect(studio.form.getByText("Closed", { exact: true })).toHaveCount(5);
  });

  await test.step("a closure is added and removed", async () => {
    await expect(page.getByText("No closures ahead")).toBeVisible();
    const day = new Date(e2eNow().getTime() + 40 * DAY_MS).toISOString().slice(0, 10);
    const closure = page.getByRole("form", { name: "New closure" });
    await closure.getByLabel("First day").fill(day);
    await closure.getByRole("button", { name: "Add closure" }).click();
    await expect(closure.getByText("Enter a reason")).toBeVisible();
    await expect(closure.getByLabel("First day")).toHaveValue(day);
    await closure.getByLabel("Reason").fill("Public holiday");
    await closure.getByRole("button", { name: "Add closure" }).click();
    const list = page.getByRole("list", { name: "Closures ahead" });
    await expect(list).toContainText("Public holiday");
    await list.getByRole("button", { name: /^Remove closure / }).click();
    await expect(page.getByText("No closures ahead")).toBeVisible();
  });

  await test.step("an add-on is priced per hour, then deactivated", async () => {
    await expect(page.getByText("No add-ons yet")).toBeVisible();
    await expect(page.getByText("No rooms in this studio yet")).toBeVisible();
    const form = page.getByRole("form", { name: "New add-on" });
    await form.getByLabel("Name").fill("Teleprompter");
    await form.getByLabel("Charged").selectOption("per_hour");
    await form.getByLabel(/^Price/).fill("abc");
    await form.getByRole("button", { name: "Add add-on" }).click();
    await expect(form.getByText("Enter an amount in USD like 65.00")).toBeVisible();
    await expect(form.getByLabel("Name")).toHaveValue("Teleprompter");
    await expect(form.getByLabel("Charged")).toHaveValue("per_hour");
    await form.getByLabel(/^Price/).fill("15");
    await form.getByRole("button", { name: "Add add-on" }).click();
    const list = page.getByRole("list", { name: "Add-ons of Berlin Loft" });
    await expect(list).toContainText("$15.00 per hour");
    await list.getByRole("button", { name: "Deactivate Teleprompter" }).click();
    await expect(list).toContainText("not offered");
    await waitForToastsToGo(page);
    await expectAccessible(page);
  });

  await test.step("the policies refuse an empty field, then save", async () => {
    await page.goto(`/w/${owner.slug}/setup/policies`);
    const hold = page.getByLabel("Hold (minutes)");
    await hold.fill("");
    await page.getByLabel("No-show fee (%)").fill("80");
    await page.getByRole("button", { name: "Save policies" }).click();
    await expect(hold).toHaveAccessibleDescription(/Enter a number of minutes/);
    await expect(page.getByLabel("No-show fee (%)")).toHaveValue("80");
    await hold.fill("20");
    await page.getByRole("button", { name: "Save policies" }).click();
    await expect(said(page, /^Policies saved/)).toBeVisible();
    await expectAccessible(page);
    await setup.goto(owner.slug);
    await expect(page.getByText("20 min")).toBeVisible();
    await expect(page.getByText("80 %")).toBeVisible();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the setup pages fit the screen and have no WCAG 2.1 AA violations", async ({ page }) => {
    await signInViaApi(page.request, demo("owner"));
    const setup = new SetupPage(page);
    await setup.goto("demo");
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await setup.openStudio(LA);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await page
      .getByRole("list", { name: `Rooms of ${LA}` })
      .getByRole("link", { name: "Set A – Beauty" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Set A – Beauty" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Peak rules of Set A – Beauty" })).toContainText("Weekend prime time");
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
  });
});
