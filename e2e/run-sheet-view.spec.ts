import { localDate, localDateTimeToInstant } from "../lib/studios/local-time";
import { RunSheetPage } from "./pages/run-sheet-pages";
import { studioClock } from "./support/bookings";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { demoFloor, HOUR } from "./support/floor";

/**
 * Issue 11, item 13: the run sheet as the floor reads it. It opens on today, scrolled to now (on a phone the hours
 * run far off to the right); a one-hour session shows its creator's name whole; the now-badge sits in the header
 * row, never over a session; and *Print* gives the room-by-room list on paper.
 */
test("the run sheet opens on today scrolled to now, names each creator legibly, keeps the now-badge off the sessions, and prints the room-by-room list", async ({
  page,
}) => {
  const { la, chloe, kai, room, book, now } = await demoFloor();
  const viewRoom = await room(la.id, "View room");
  const today = localDate(new Date(now), la.timeZone);
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
  // Tomorrow at noon: on a sheet whatever the hour now, one hour long (the narrowest block a room sells).
  const short = await book(viewRoom.id, chloe.id, localDateTimeToInstant(`${tomorrow}T12:00`, la.timeZone)!, 60);
  const next = await book(viewRoom.id, kai.id, localDateTimeToInstant(`${tomorrow}T13:30`, la.timeZone)!, 60);
  const range = (b: { startsAt: Date; endsAt: Date }) =>
    `${studioClock(b.startsAt.toISOString(), la.timeZone).time}–${studioClock(b.endsAt.toISOString(), la.timeZone).time}`;

  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await signInViaApi(page.request, demo("staff"));
  const sheet = new RunSheetPage(page);

  await test.step("today's sheet, scrolled so that now is in view, with the now-badge above the sessions", async () => {
    await sheet.goto("demo");
    const line = sheet.timeline.getByTestId("now-line");
    // Today's, or past midnight the previous evening's sheet, which the floor is still running (now is on it).
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 24 * HOUR).toISOString().slice(0, 10);
    const shown = await sheet.date.inputValue();
    expect([today, yesterday]).toContain(shown);
    if (shown === yesterday) await expect(line).toBeVisible();
    if ((await line.count()) === 0) {
      test.info().annotations.push({
        type: "note",
        description: "The studio is closed now: today's sheet has no now-line to scroll to.",
      });
      return;
    }
    const box = (await sheet.timeline.boundingBox())!;
    await expect
      .poll(
        async () => {
          const at = (await line.boundingBox())!;
          return at.x >= box.x + 144 && at.x <= box.x + box.width;
        },
        { message: "the now-line is inside the timeline's visible width, right of the room column" },
      )
      .toBe(true);
    // The badge lives in the hour-mark row: its bottom is above the first session lane of every room.
    const badge = line.getByText(/^Now \d{2}:\d{2}$/);
    const badgeBox = (await badge.boundingBox())!;
    const firstRow = (await sheet.timeline
      .getByRole("link", { name: /^Add a walk-in/ })
      .first()
      .boundingBox())!;
    expect(badgeBox.y + badgeBox.height).toBeLessThanOrEqual(firstRow.y);
    await expectAccessible(page);
  });

  await test.step("a one-hour session shows its creator's whole name and times", async () => {
    await sheet.chooseDate(tomorrow);
    for (const [b, who] of [
      [short, "Chloe Creator"],
      [next, "Kai Creator"],
    ] as const) {
      const block = sheet.block(`${who}, ${range(b)}, confirmed`, b.id);
      await block.scrollIntoViewIfNeeded();
      const name = block.getByText(who, { exact: true });
      await expect(name).toBeVisible();
      // Not cut off with an ellipsis: the text fits the block.
      expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await block.getByText(range(b)).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
  });

  await test.step("Print opens the print dialog; on paper only the room-by-room list remains", async () => {
    await page.getByRole("button", { name: "Print the room-by-room list" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: "print" });
    await expect(sheet.timeline).toBeHidden();
    await expect(sheet.checkIn).toBeHidden();
    await expect(sheet.list).toBeVisible();
    await expect(sheet.list.getByText(viewRoom.name)).toBeVisible();
    await expect(sheet.list.getByText(short.code)).toBeVisible();
    await expect(sheet.list.getByText(next.code)).toBeVisible();
    await page.emulateMedia({ media: "screen" });
  });
});
