import { BookPage, BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { apiAs } from "./support/bookings";
import { demoFloor } from "./support/floor";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

const STUDIO = /^Los Angeles – Arts District/;

/** A room of its own in the demo's Los Angeles studio, so only this test books it. */
async function ownRoom() {
  const { la, room } = await demoFloor();
  return room(la.id, "Race room", { hourlyRateCents: 4000, minMinutes: 60, maxMinutes: 240, bufferMinutes: 0 });
}

test("a time someone else takes first is refused, and the refreshed list no longer offers it", async ({ page }) => {
  const room = await ownRoom();
  await signInViaApi(page.request, demo("creator"));
  const week = new RoomWeekPage(page);

  const picked = await test.step("a creator opens the room and picks a free time", async () => {
    const book = new BookPage(page);
    await book.goto("demo");
    await book.openRoom(STUDIO, room.name);
    return week.pickFreeSlotLateInWeek();
  });
  const radio = week.freeTimes.locator(`input[type="radio"][value="${picked.startsAt}|${picked.endsAt}"]`);
  await expect(radio).toHaveCount(1);

  await test.step("meanwhile another creator books exactly that time", async () => {
    const other = await apiAs(page.request, demo("creator2"));
    try {
      const res = await other.post("/api/v1/bookings", {
        roomId: room.id,
        startsAt: picked.startsAt,
        endsAt: picked.endsAt,
      });
      expect(res.status(), await res.text()).toBe(201);
    } finally {
      await other.dispose();
    }
  });

  await test.step("holding it says the time was taken, and the list below no longer offers or selects it", async () => {
    await week.hold.click();
    await expect(page.getByText("Someone just took this time.", { exact: false })).toBeVisible();
    await expect(radio).toHaveCount(0);
    await expect(week.freeTimes.getByRole("radio", { checked: true })).toHaveCount(0);
    await expect(week.freeTimes.getByRole("radio")).not.toHaveCount(0);
    await expectAccessible(page);
  });

  await test.step("another time from the refreshed list can be held", async () => {
    const next = await week.pickFreeSlotLateInWeek();
    expect(next.startsAt).not.toBe(picked.startsAt);
    await week.hold.click();
    await new BookingPage(page).expectStatus(room.name, "held");
  });
});
