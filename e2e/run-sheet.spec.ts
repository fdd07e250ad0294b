import { eq } from "drizzle-orm";
import { bookings, studioClosures, studios } from "../db/schema";
import { openingIntervals } from "../lib/availability";
import { localDate, localDateTimeToInstant } from "../lib/studios/local-time";
import { DashboardPage, RunSheetPage } from "./pages/run-sheet-pages";
import { studioClock, usd } from "./support/bookings";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { demoFloor, HOUR, LA_NAME, MINUTE, SH_NAME } from "./support/floor";

/**
 * The floor of one journey, written straight to the e2e database: a room of its own in the demo's Los Angeles
 * studio (staff@demo works there; no other test books it) and one in Shanghai, with sessions of creator@demo
 * (Chloe) placed around now: one starting in 30 minutes (to check in by code), one that started 2 h 40 min ago and
 * ended 40 minutes ago, checked in (to check out late), one that started 20 minutes ago with nobody checked in (the
 * job loop makes it a no-show), one of Kai's tomorrow at noon, and one in Shanghai (a code of another studio).
 */
async function world() {
  const { db, la, sh, chloe, kai, room, book, now } = await demoFloor();
  const laRoom = await room(la.id, "Floor room");
  // The no-show's time overlaps the arriving session's: live sessions in one room never overlap, so it has its own.
  const laRoom2 = await room(la.id, "Floor room B");
  const shRoom = await room(sh.id, "Floor room SH");
  const arriving = await book(laRoom.id, chloe.id, new Date(now + 30 * MINUTE), 120);
  const lateStart = new Date(now - 160 * MINUTE);
  const late = await book(laRoom.id, chloe.id, lateStart, 120, {
    status: "checked_in",
    checkedInAt: new Date(lateStart.getTime() + 5 * MINUTE),
  });
  const absent = await book(laRoom2.id, chloe.id, new Date(now - 20 * MINUTE), 120);
  const today = localDate(new Date(now), la.timeZone);
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
  const planned = await book(laRoom.id, kai.id, localDateTimeToInstant(`${tomorrow}T12:00`, la.timeZone)!, 120);
  const elsewhere = await book(shRoom.id, chloe.id, new Date(now + 60 * MINUTE), 120);
  // Which of today's sessions today's sheet shows. A sheet spans its date's opening hours, and past midnight the
  // floor still runs the previous evening's sheet; sessions written around a closed hour (none can be booked then)
  // are on no sheet at all. Worked out from the studio's hours, as the page does, to know what to expect.
  const closures = await db.select().from(studioClosures).where(eq(studioClosures.studioId, la.id));
  const windowOf = (date: string) => {
    const open = openingIntervals({
      timeZone: la.timeZone,
      openingHours: la.openingHours,
      closures,
      from: date,
      to: date,
    });
    return open.length
      ? { start: Math.min(...open.map((o) => o.start.getTime())), end: Math.max(...open.map((o) => o.end.getTime())) }
      : null;
  };
  const todays = windowOf(today);
  const yesterdays = windowOf(localDate(new Date(now - 24 * HOUR), la.timeZone));
  const sheet = todays && now >= todays.start ? todays : yesterdays && now < yesterdays.end ? yesterdays : todays;
  const onTodaysSheet = (b: { startsAt: Date; endsAt: Date }) =>
    sheet !== null && b.startsAt.getTime() < sheet.end && b.endsAt.getTime() > sheet.start;
  return { la, laRoom, laRoom2, arriving, late, absent, planned, elsewhere, tomorrow, onTodaysSheet };
}

test("staff run the floor: the day's sheet, check-in by code, a late check-out with overtime, a no-show by the job loop; the manager's dashboard", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const w = await world();
  const LA = w.la.timeZone;
  const range = (b: { startsAt: Date; endsAt: Date }) =>
    `${studioClock(b.startsAt.toISOString(), LA).time}–${studioClock(b.endsAt.toISOString(), LA).time}`;
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [staff, creator, manager] = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    await signInViaApi(staff.request, demo("staff"));
    const sheet = new RunSheetPage(staff);

    await test.step("staff open today's run sheet for their studio and see the sessions", async () => {
      await sheet.goto("demo"); // staff work in one studio: theirs is the sheet
      await expect(staff.getByText(LA_NAME, { exact: true })).toBeVisible();
      for (const [b, status] of [
        [w.arriving, "confirmed"],
        [w.late, "checked in"],
      ] as const) {
        if (w.onTodaysSheet(b)) {
          await expect(sheet.block(`Chloe Creator, ${range(b)}, ${status}`, b.id)).toBeVisible();
          await expect(sheet.list.getByText(b.code)).toBeVisible(); // and in words, in the list below
        } else
          test.info().annotations.push({
            type: "note",
            description: `${b.code} lies outside the LA studio's hours today: checked on no sheet (tomorrow's is checked below).`,
          });
      }
      await expectAccessible(staff);
    });

    await test.step("the desk scans codes: an unknown one, another studio's, tomorrow's, then the creator's", async () => {
      await sheet.scan("QQQ-QQQ");
      await expect(sheet.answer()).toHaveText("No booking in your studios has the code QQQ-QQQ.");
      await expect(sheet.scanBox).toBeFocused();
      // Staff do not see other studios' bookings: for them another studio's code is not in their studios.
      await sheet.scan(w.elsewhere.code);
      await expect(sheet.answer()).toHaveText(`No booking in your studios has the code ${w.elsewhere.code}.`);
      await sheet.scan(w.planned.code.toLowerCase().replace("-", ""));
      await expect(sheet.answer()).toContainText(`Booking ${w.planned.code} is on `);
      await expect(sheet.answer()).toContainText("not today.");
      await sheet.scan(w.arriving.code);
      await expect(sheet.answer()).toHaveText(`Checked in ${w.arriving.code}.`);
      await expect(sheet.scanBox).toBeFocused();
      await expect(sheet.scanBox).toHaveValue("");
      if (w.onTodaysSheet(w.arriving))
        await expect(sheet.block(`Chloe Creator, ${range(w.arriving)}, checked in`, w.arriving.id)).toBeVisible();
    });

    await test.step("tomorrow's sheet shows Kai's session, and a room is blocked for repairs", async () => {
      await sheet.chooseDate(w.tomorrow);
      await expect(sheet.block(`Kai Creator, ${range(w.planned)}, confirmed`, w.planned.id)).toBeVisible();
      await expect(sheet.list.getByText(w.planned.code)).toBeVisible();
      await staff.getByText("Block a room…").click();
      await sheet.blockForm.getByLabel("Room").selectOption({ label: w.laRoom.name });
      await sheet.blockForm.getByLabel("From").fill(`${w.tomorrow}T16:00`);
      await sheet.blockForm.getByLabel("To", { exact: true }).fill(`${w.tomorrow}T15:00`);
      await sheet.blockForm.getByLabel("Reason (optional)").fill("Ring light broken");
      await sheet.blockForm.getByRole("button", { name: "Block the room" }).click();
      await expect(sheet.blockForm.getByText("The end must be after the start")).toBeVisible();
      await expect(sheet.blockForm.getByLabel("Reason (optional)")).toHaveValue("Ring light broken"); // kept
      await sheet.blockForm.getByLabel("To", { exact: true }).fill(`${w.tomorrow}T17:00`);
      await sheet.blockForm.getByRole("button", { name: "Block the room" }).click();
      await expect(sheet.blockForm.getByRole("status")).toHaveText("Room blocked.");
      await expect(sheet.timeline.getByText("Maintenance 16:00–17:00: Ring light broken")).toBeVisible();
      await expect(sheet.list.getByText("Ring light broken")).toBeVisible();
    });

    await test.step("staff check the late creator out 40 minutes after the end: 3 overtime blocks are charged", async () => {
      await staff.goto(`/w/demo/bookings/${w.late.id}`);
      await expect(staff.getByRole("heading", { name: "Front desk" })).toBeVisible();
      await expect(staff.getByTestId("overtime-note")).toHaveText(
        /^4[01] min late: 3 overtime blocks of 15 min will be charged \(\$56\.25\)\.$/,
      );
      await staff.getByRole("button", { name: "Check out and charge" }).click();
      await expect(
        staff
          .getByText(
            /^Checked out 4[01] min after the end\. \$156\.25 was charged to the creator, \$56\.25 of it for overtime\.$/,
          )
          .first(),
      ).toBeVisible();
      await expect(staff.getByRole("heading", { level: 1 })).toContainText("completed");
    });

    await test.step("staff extend the session in progress by half an hour, seeing what it adds before it is done", async () => {
      await staff.goto(`/w/demo/bookings/${w.arriving.id}`);
      const extend = staff.getByRole("form", { name: "Extend the session" });
      const newEnd = new Date(w.arriving.endsAt.getTime() + 30 * MINUTE);
      const until = studioClock(newEnd.toISOString(), LA).time;
      await extend.getByLabel("Extend to").fill(until);
      await extend.getByRole("button", { name: "See the cost" }).click();
      await expect(
        extend.getByText(
          `Extending to ${until} adds ${usd(2_500)}: the session would cost ${usd(12_500)}. Press Extend to ${until} to confirm.`,
        ),
      ).toBeVisible();
      // Nothing has changed yet: the booking still ends where it did.
      const [still] = await e2eDb()
        .select({ endsAt: bookings.endsAt })
        .from(bookings)
        .where(eq(bookings.id, w.arriving.id));
      expect(still.endsAt.getTime()).toBe(w.arriving.endsAt.getTime());
      await expectAccessible(staff);
      await extend.getByRole("button", { name: `Extend to ${until}` }).click();
      await expect(
        staff.getByText(`Extended to ${until}, adding ${usd(2_500)}. The session now costs ${usd(12_500)}.`).first(),
      ).toBeVisible();
    });

    await test.step("nobody came to the session that started 20 minutes ago: the job loop makes it a no-show", async () => {
      await expect(async () => {
        await staff.goto(`/w/demo/bookings/${w.absent.id}`);
        await expect(staff.getByRole("heading", { level: 1 })).toContainText("no show", { timeout: 1000 });
      }).toPass({ timeout: 20_000, intervals: [1000, 2000] });
    });

    await test.step("the creator sees the overtime and the no-show fee among their upcoming charges", async () => {
      await signInViaApi(creator.request, demo("creator"));
      await creator.goto("/w/demo/billing");
      const upcoming = creator.getByRole("table", { name: "Upcoming charges, not yet invoiced" });
      const overtime = upcoming.getByRole("row").filter({ hasText: "Overtime" }).filter({ hasText: w.late.code });
      await expect(overtime).toHaveCount(3);
      for (const row of await overtime.all()) await expect(row).toContainText(usd(1875));
      await expect(
        upcoming.getByRole("row").filter({ hasText: `No-show at ${w.laRoom2.name}, ${w.absent.code}` }),
      ).toContainText(usd(10_000));
    });

    await test.step("the creator was in the lobby after all: staff undo the no-show with a reason", async () => {
      const undo = staff.getByRole("form", { name: "Undo the no-show" });
      await undo.getByRole("button", { name: "Undo no-show" }).click();
      await expect(undo.getByText("Say why (at least 3 characters)")).toBeVisible();
      await undo.getByLabel("Why undo it").fill("She was waiting in the lobby");
      await undo.getByRole("button", { name: "Undo no-show" }).click();
      await expect(staff.getByText(/^No-show undone, and the creator is checked in\./).first()).toBeVisible();
      await expect(staff.getByRole("heading", { level: 1 })).toContainText("checked in");
    });

    await test.step("the manager runs both studios: another studio's code says where it is, and the dashboard shows today", async () => {
      await signInViaApi(manager.request, demo("manager"));
      const desk = new RunSheetPage(manager);
      await desk.goto("demo", `?studio=${w.la.id}`);
      await desk.scan("qqq qqq");
      await expect(desk.answer()).toHaveText("No booking has the code QQQ-QQQ.");
      await desk.scan(w.elsewhere.code);
      await expect(desk.answer()).toHaveText(
        new RegExp(`^Booking ${w.elsewhere.code} is at ${SH_NAME} \\(Floor room SH .+\\), not here\\.$`),
      );
      const dashboard = new DashboardPage(manager);
      await dashboard.goto("demo", `?studio=${w.la.id}`);
      await expect(dashboard.studio(LA_NAME)).toBeVisible();
      await expect(dashboard.studio(SH_NAME)).toBeVisible();
      await expect(dashboard.figure(LA_NAME, "Sessions")).toHaveText(/^\d+$/);
      // The session checked out late was 2 hours of the room's last 30 days: its hours are no longer at 0 %.
      const row = dashboard.heatmap
        .getByRole("row")
        .filter({ has: manager.getByRole("rowheader", { name: w.laRoom.name, exact: true }) });
      await expect(row.getByRole("cell", { name: /^[1-9]\d*%$/ }).first()).toBeVisible();
      await expectAccessible(manager);
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("creators and brands have no run sheet or dashboard; staff have no dashboard and no other studio's sheet", async ({
  page,
}) => {
  const [sh] = await e2eDb().select({ id: studios.id }).from(studios).where(eq(studios.name, SH_NAME));
  await signInViaApi(page.request, demo("staff"));
  expect((await page.goto("/w/demo/dashboard"))?.status()).toBe(404);
  expect((await page.goto(`/w/demo/run-sheet?studio=${sh.id}`))?.status()).toBe(404);
  await page.context().clearCookies();
  await signInViaApi(page.request, demo("creator"));
  expect((await page.goto("/w/demo/run-sheet"))?.status()).toBe(404);
});
