import { and, eq, gte } from "drizzle-orm";
import { bookings, users } from "../db/schema";
import { BookPage } from "./pages/booking-pages";
import { MembersPage } from "./pages/workspace-pages";
import { LA, studioClock } from "./support/bookings";
import { e2eNow } from "./support/clock";
import { e2eDb } from "./support/db";
import { createUser, demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { DAY_MS } from "../kernel/time";

const STUDIO = /^Los Angeles – Arts District/;
const ROOM = "Set A – Beauty";

/**
 * The first Tuesday, Wednesday or Thursday at least `days` ahead in Los Angeles, as the date field takes it, and its
 * weekday as the series form labels it (a weekday: Friday and Saturday evenings have a weekend price of their own).
 */
function laWeekday(days: number) {
  for (let d = days; ; d++) {
    const at = new Date(e2eNow().getTime() + d * DAY_MS);
    const weekday = new Intl.DateTimeFormat("en-US", { timeZone: LA, weekday: "short" }).format(at);
    if (!["Tue", "Wed", "Thu"].includes(weekday)) continue;
    return {
      iso: new Intl.DateTimeFormat("en-CA", { timeZone: LA, year: "numeric", month: "2-digit", day: "2-digit" }).format(
        at,
      ),
      weekday,
    };
  }
}

/**
 * Issue 11, item 1: after a server answer every choice stays as it was made (React's reset of a form after its
 * action used to put each <select> back to its first default), and a series books exactly what was checked.
 */
test.describe("forms keep every choice", () => {
  test("a weekly series checked at 18:00 for 2 h is booked at 18:00 for 2 h, at the prices shown; a change after the check is not booked", async ({
    page,
  }) => {
    await signInViaApi(page.request, demo("creator2"));
    const book = new BookPage(page);
    await book.goto("demo");
    await book.openRoom(STUDIO, ROOM);
    await page.getByRole("link", { name: "Book every week…" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Book ${ROOM} every week` })).toBeVisible();

    // Two months out, a weekday evening: 18:00–19:00 at the room's rate ($65), 19:00–20:00 at the evening rate ($80),
    // plus CA sales tax 9.5 % on top: $145.00 + $13.78 = $158.78 a date.
    const first = laWeekday(61);
    const start = page.getByRole("combobox", { name: "Start (studio time)" });
    const length = page.getByRole("combobox", { name: "Session length" });
    const check = page.getByRole("button", { name: "Check the dates" });
    const series = page.getByRole("region", { name: "The dates of this series" });

    await test.step("check the dates: the choices stay, every date is listed at 18:00–20:00 with its price and the total", async () => {
      await page.getByRole("checkbox", { name: first.weekday }).check();
      await start.selectOption("18:00");
      await length.selectOption({ label: "2 h" });
      await page.getByLabel("For how many weeks").fill("3");
      await page.getByLabel("Starting on").fill(first.iso);
      await check.click();
      await expect(page.getByText("All 3 dates are free.")).toBeVisible();
      await expect(start).toHaveValue("18:00");
      await expect(length).toHaveValue("120");
      await expect(page.getByRole("checkbox", { name: first.weekday })).toBeChecked();
      const dates = series.getByRole("listitem");
      await expect(dates).toHaveCount(3);
      for (const item of await dates.all()) await expect(item).toContainText(/18:00–20:00.*— \$158\.78$/);
      await expect(series).toContainText("Total for 3 dates: $476.34");
      await expectAccessible(page);
    });

    await test.step("book all 3: the bookings are exactly the 3 dates checked, at 18:00–20:00 and $158.78 each (tax included)", async () => {
      await page.getByRole("button", { name: "Book all 3 dates" }).click();
      await expect(page.getByText(/^Booked 3 dates\./)).toBeVisible();
      const db = e2eDb();
      const [creator] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, demo("creator2")));
      const rows = await db
        .select()
        .from(bookings)
        .where(and(eq(bookings.creatorId, creator.id), gte(bookings.startsAt, new Date(`${first.iso}T00:00:00Z`))));
      const mine = rows.filter((b) => b.seriesId && studioClock(b.startsAt.toISOString(), LA).time === "18:00");
      expect(mine).toHaveLength(3);
      for (const b of mine) {
        expect(studioClock(b.endsAt.toISOString(), LA).time).toBe("20:00");
        expect(b.quote as { subtotalCents: number; totalCents: number }).toMatchObject({
          subtotalCents: 14_500,
          totalCents: 15_878,
        });
      }
      expect(rows.filter((b) => b.seriesId && studioClock(b.startsAt.toISOString(), LA).time === "19:00")).toHaveLength(
        0,
      );
    });

    await test.step("a start changed after the check is not booked: the dates are checked again for it instead", async () => {
      await page.goto(page.url());
      const later = laWeekday(62);
      await page.getByRole("checkbox", { name: later.weekday }).check();
      await start.selectOption("10:00");
      await length.selectOption({ label: "1 h" });
      await page.getByLabel("For how many weeks").fill("2");
      await page.getByLabel("Starting on").fill(later.iso);
      await check.click();
      await expect(page.getByText("All 2 dates are free.")).toBeVisible();
      await start.selectOption("11:00");
      await page.getByRole("button", { name: "Book all 2 dates" }).click();
      await expect(
        page.getByText(/^The series changed after you checked the dates, so nothing was booked/),
      ).toBeVisible();
      await expect(start).toHaveValue("11:00");
      for (const item of await series.getByRole("listitem").all()) await expect(item).toContainText("11:00–12:00");
      const [creator] = await e2eDb()
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, demo("creator2")));
      const rows = await e2eDb()
        .select()
        .from(bookings)
        .where(and(eq(bookings.creatorId, creator.id), gte(bookings.startsAt, new Date(`${later.iso}T00:00:00Z`))));
      expect(rows.filter((b) => ["10:00", "11:00"].includes(studioClock(b.startsAt.toISOString(), LA).time))).toEqual(
        [],
      );
    });
  });

  test("a series refused for its fields says so above them, each error next to its own field (issue 11, item 20)", async ({
    page,
  }) => {
    await signInViaApi(page.request, demo("creator2"));
    const book = new BookPage(page);
    await book.goto("demo");
    await book.openRoom(STUDIO, ROOM);
    await page.getByRole("link", { name: "Book every week…" }).click();
    const start = page.getByRole("combobox", { name: "Start (studio time)" });
    await start.selectOption("18:00");
    await page.getByLabel("For how many weeks").fill("40");
    await page.getByRole("button", { name: "Check the dates" }).click();
    const every = page.getByRole("group", { name: "Every" });
    await expect(every).toContainText("Choose at least one weekday");
    await expect(every).toHaveAttribute("aria-invalid", "true");
    const weeks = page.getByLabel("For how many weeks");
    await expect(weeks).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("At most 26 weeks")).toBeVisible();
    await expect(page.getByText("At most 26 weeks")).toHaveAttribute("id", "field-weeks-error");
    // The refusal is read first: above the fields it points to, not under the button.
    const alert = page.getByRole("main").getByText("Check the fields marked below.");
    await expect(alert).toBeVisible();
    const [alertBox, everyBox] = [await alert.boundingBox(), await every.boundingBox()];
    expect(alertBox!.y).toBeLessThan(everyBox!.y);
    await expect(start).toHaveValue("18:00");
    await expect(weeks).toHaveValue("40");
    await expectAccessible(page);
  });

  test("an invitation that fails keeps Role: Brand and its brand fields", async ({ page }) => {
    await signInViaApi(page.request, demo("owner"));
    const members = new MembersPage(page);
    await members.goto("demo");
    await members.inviteEmail.fill("not an email");
    await members.inviteRole.selectOption("brand");
    await members.inviteForm.getByLabel("New brand name").fill("Glow Labs");
    await members.inviteForm.getByRole("button", { name: "Send invitation" }).click();
    await expect(members.inviteEmail).toHaveAttribute("aria-invalid", "true");
    await expect(members.inviteRole).toHaveValue("brand");
    await expect(members.inviteForm.getByLabel("New brand name")).toHaveValue("Glow Labs");
    await expectAccessible(page);
  });

  test("a new workspace that fails keeps its currency", async ({ page }) => {
    const user = await createUser();
    await signInViaApi(page.request, user.email, user.password);
    await page.goto("/workspaces/new");
    await page.getByLabel("Company or studio name").fill("Shanghai Live");
    await page.getByLabel("Address").fill("Not A Valid Address!");
    await page.getByLabel("Currency").selectOption("CNY");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page.getByLabel("Address")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Currency")).toHaveValue("CNY");
    await expect(page.getByLabel("Company or studio name")).toHaveValue("Shanghai Live");
  });
});
