import { BookingPage } from "./pages/booking-pages";
import { RunSheetPage } from "./pages/run-sheet-pages";
import { studioClock, usd } from "./support/bookings";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { demoFloor, MINUTE } from "./support/floor";

/**
 * An overrun, written straight to the e2e database around now, in a room of its own in the demo's Los Angeles
 * studio (staff@demo works there): Chloe's 2-hour session ended 35 minutes ago and she is still checked in; Kai's
 * session in the same room began 20 minutes ago, right after the turnover buffer, and he cannot get in (nobody
 * checked him in). A control session of Kai's in a second room, also 20 minutes old with nobody checked in, shows
 * when the job loop's no-show sweep has run.
 */
async function world() {
  const { la, chloe, kai, room, book, now } = await demoFloor();
  const overrunRoom = await room(la.id, "Overrun room");
  const otherRoom = await room(la.id, "Overrun room B");
  const overrunStart = new Date(now - 155 * MINUTE);
  const overrunning = await book(overrunRoom.id, chloe.id, overrunStart, 120, {
    status: "checked_in",
    checkedInAt: overrunStart,
  });
  // Written before the control, so a sweep that saw the control saw this one too.
  const waiting = await book(overrunRoom.id, kai.id, new Date(now - 20 * MINUTE), 120);
  const control = await book(otherRoom.id, kai.id, new Date(now - 20 * MINUTE), 120);
  return { la, overrunRoom, overrunning, waiting, control };
}

test("an overrunning session is flagged with its overtime; the next creator in its room is not swept as a no-show; staff check the overrun out", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const w = await world();
  const LA = w.la.timeZone;
  const endedAt = studioClock(w.overrunning.endsAt.toISOString(), LA).time;
  const context = await browser.newContext();
  const staff = await context.newPage();
  try {
    await signInViaApi(staff.request, demo("staff"));
    const sheet = new RunSheetPage(staff);
    const booking = new BookingPage(staff);

    await test.step("the job loop sweeps the other room's absent creator, but not the one locked out by the overrun", async () => {
      await expect(async () => {
        await booking.goto("demo", w.control.id);
        await expect(booking.heading).toContainText("no show", { timeout: 1000 });
      }).toPass({ timeout: 20_000, intervals: [1000, 2000] });
      // The sweep that marked the control also decided the waiting session; one more pass to be sure.
      await staff.waitForTimeout(6_000);
      await booking.goto("demo", w.waiting.id);
      await expect(booking.heading).toContainText("confirmed");
      const desk = staff.getByTestId("room-occupied");
      await expect(desk).toContainText(
        new RegExp(
          `^The room is still occupied: Chloe Creator's session \\(${w.overrunning.code}\\) is 3\\d min past its end\\.`,
        ),
      );
      await expect(desk).toContainText("This session is not marked a no-show until that creator is checked out.");
      await expect(staff.getByRole("button", { name: "Mark no-show" })).toHaveCount(0);
      await expect(desk.getByRole("link", { name: "Check Chloe Creator out" })).toHaveAttribute(
        "href",
        `/w/demo/bookings/${w.overrunning.id}`,
      );
      await expectAccessible(staff);
    });

    await test.step("the run sheet flags the overrun: the room, the minutes past the end, the overtime so far, and a check-out", async () => {
      await sheet.goto("demo");
      const overruns = staff.getByRole("region", { name: "Overrunning now" });
      const entry = overruns.getByRole("listitem").filter({ hasText: w.overrunRoom.name });
      // 35 minutes past the end when written; 3 started blocks of 15 minutes at 150 % of $50 an hour.
      await expect(entry).toContainText(
        new RegExp(`Chloe Creator is 3\\d min past the ${endedAt} end in ${w.overrunRoom.name}`),
      );
      await expect(entry).toContainText(`${usd(5625)} of overtime so far`);
      await expect(entry).toContainText(`Kai Creator's session (${w.waiting.code}) is waiting for the room`);
      await expect(entry.getByRole("link", { name: "Check Chloe Creator out" })).toBeVisible();
      await expectAccessible(staff);
    });

    await test.step("staff follow the prompt: the overrunning session's page flags it, and the check-out charges the overtime shown", async () => {
      await staff
        .getByRole("region", { name: "Overrunning now" })
        .getByRole("listitem")
        .filter({ hasText: w.overrunRoom.name })
        .getByRole("link", { name: "Check Chloe Creator out" })
        .click();
      await expect(booking.heading).toContainText("checked in");
      await expect(staff.getByTestId("overrun")).toHaveText(
        new RegExp(
          `^Overrunning: 3\\d min past the ${endedAt} end, ${usd(5625).replace("$", "\\$")} of overtime so far \\(3 blocks of 15 min\\)\\. Check the creator out when they leave: the next session in this room is waiting\\.$`,
        ),
      );
      await expectAccessible(staff);
      await staff.getByRole("button", { name: "Check out and charge" }).click();
      await expect(
        staff
          .getByText(
            /^Checked out 3\d min after the end\. \$156\.25 was charged to the creator, \$56\.25 of it for overtime\.$/,
          )
          .first(),
      ).toBeVisible();
      await expect(booking.heading).toContainText("completed");
      await expect(staff.getByTestId("overrun")).toHaveCount(0);
    });

    await test.step("the room is free: the sheet no longer flags it, and the waiting creator is checked in", async () => {
      await sheet.goto("demo");
      await expect(staff.getByRole("region", { name: "Overrunning now" }).getByText(w.overrunRoom.name)).toHaveCount(0);
      await booking.goto("demo", w.waiting.id);
      await expect(staff.getByTestId("room-occupied")).toHaveCount(0);
      await staff.getByRole("button", { name: "Check in" }).click();
      await expect(booking.heading).toContainText("checked in");
    });
  } finally {
    await context.close();
  }
});
