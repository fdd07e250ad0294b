import { eq } from "drizzle-orm";
import { users, waitlistEntries } from "../db/schema";
import { localDate, localDateTimeToInstant } from "../lib/studios/local-time";
import { BookPage, RoomWeekPage } from "./pages/booking-pages";
import { LA, apiAs, studioClock } from "./support/bookings";
import { e2eNow } from "./support/clock";
import { e2eDb } from "./support/db";
import { demoFloor } from "./support/floor";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { DAY_MS } from "../kernel/time";

const STUDIO = /^Los Angeles – Arts District/;

/** A room of its own in the demo's Los Angeles studio (2-hour sessions on the hour, no turnover), so only this test books it. */
async function ownRoom() {
  const { la, room } = await demoFloor();
  return room(la.id, "Waitlist room", {
    hourlyRateCents: 4000,
    stepMinutes: 60,
    minMinutes: 120,
    maxMinutes: 240,
    bufferMinutes: 0,
  });
}

/** Another creator books 18:00–20:00 studio time three days from now; returns the slot as the week labels it. */
async function bookedByCreator2(request: Parameters<typeof apiAs>[0], roomId: string) {
  const date = localDate(new Date(e2eNow().getTime() + 3 * DAY_MS), LA);
  const startsAt = localDateTimeToInstant(`${date}T18:00`, LA)!.toISOString();
  const endsAt = localDateTimeToInstant(`${date}T20:00`, LA)!.toISOString();
  const other = await apiAs(request, demo("creator2"));
  try {
    const res = await other.post("/api/v1/bookings", { roomId, startsAt, endsAt });
    expect(res.status(), await res.text()).toBe(201);
  } finally {
    await other.dispose();
  }
  // The day group's name, "Tue 8 Dec", the app's label read by the test's own Intl.
  const day = studioClock(startsAt, LA).date.replace(/ \d{4}$/, "");
  return { startsAt, endsAt, day };
}

/** Opens the room's week that shows `day`, as a person does: Book a set → the room → next week if needed. */
async function openWeekOf(page: import("@playwright/test").Page, roomName: string, day: string) {
  const book = new BookPage(page);
  await book.goto("demo");
  await book.openRoom(STUDIO, roomName);
  const week = new RoomWeekPage(page);
  await week.chooseLength("2 h", 120);
  const group = week.freeTimes.getByRole("group", { name: day, exact: true });
  if ((await group.count()) === 0) await week.nextWeek();
  await expect(group).toBeVisible();
  return { week, group };
}

const entriesOf = (roomId: string) => e2eDb().select().from(waitlistEntries).where(eq(waitlistEntries.roomId, roomId));

test("a taken time shows as taken with Join the waitlist, and joining it once puts the creator on the waitlist", async ({
  page,
  request,
}) => {
  const room = await ownRoom();
  const taken = await bookedByCreator2(request, room.id);
  await signInViaApi(page.request, demo("creator"));

  const { week, group } =
    await test.step("the creator opens the week: 18:00–20:00 is taken, not a time to pick", async () => {
      const opened = await openWeekOf(page, room.name, taken.day);
      const slot = opened.week.takenSlot(taken.day, "18:00–20:00");
      await expect(slot.text).toBeVisible();
      // Every start whose two hours overlap the booking is taken; the ones next to it are free to pick.
      await expect(opened.week.takenSlot(taken.day, "17:00–19:00").text).toBeVisible();
      await expect(opened.week.takenSlot(taken.day, "19:00–21:00").text).toBeVisible();
      await expect(opened.group.getByRole("radio", { name: `${taken.day} 18:00–20:00` })).toHaveCount(0);
      await expect(opened.group.getByRole("radio", { name: `${taken.day} 16:00–18:00` })).toHaveCount(1);
      await expect(opened.group.getByRole("radio", { name: `${taken.day} 20:00–22:00` })).toHaveCount(1);
      await expectAccessible(page);
      return opened;
    });

  await test.step("Join the waitlist for 18:00–20:00 says so, and the week then shows the creator waiting", async () => {
    await week.takenSlot(taken.day, "18:00–20:00").join.click();
    await expect(page.getByRole("status").filter({ hasText: "You are on the waitlist." })).toBeVisible();
    const slot = group.getByText(`${taken.day} 18:00–20:00 taken`).locator("..");
    await expect(slot).toContainText("You are on the waitlist");
    await expect(week.takenSlot(taken.day, "18:00–20:00").join).toHaveCount(0);
    // The other taken times can still be waited for.
    await expect(week.takenSlot(taken.day, "17:00–19:00").join).toBeVisible();
    await expectAccessible(page);
  });

  await test.step("exactly one entry, for exactly that time; reopening the week still shows it", async () => {
    const entries = await entriesOf(room.id);
    expect(entries.map((e) => [e.startsAt.toISOString(), e.endsAt.toISOString(), e.status])).toEqual([
      [taken.startsAt, taken.endsAt, "waiting"],
    ]);
    await page.reload();
    await expect(group.getByText(`${taken.day} 18:00–20:00 taken`).locator("..")).toContainText(
      "You are on the waitlist",
    );
  });

  await test.step("Bookings lists the wait", async () => {
    await page.goto("/w/demo/bookings");
    await expect(page.getByRole("main")).toContainText(room.name);
  });
});

test("a manager joins the waitlist of a taken time for the creator chosen in Book for creator", async ({
  page,
  request,
}) => {
  const room = await ownRoom();
  const taken = await bookedByCreator2(request, room.id);
  await signInViaApi(page.request, demo("manager"));
  const { week } = await openWeekOf(page, room.name, taken.day);

  await week.creator.selectOption({ label: `Chloe Creator (${demo("creator")})` });
  await week.takenSlot(taken.day, "19:00–21:00").join.click();
  await expect(page.getByRole("status").filter({ hasText: "You are on the waitlist." })).toBeVisible();

  const [chloe] = await e2eDb()
    .select()
    .from(users)
    .where(eq(users.email, demo("creator")));
  const entries = await entriesOf(room.id);
  expect(entries.map((e) => [e.creatorId, e.startsAt.getTime() - Date.parse(taken.startsAt)])).toEqual([
    [chloe.id, 3_600_000],
  ]);
});
