import { eq } from "drizzle-orm";
import { bookings, pricingRules } from "../db/schema";
import { localDate, localDateTimeToInstant } from "../lib/studios/local-time";
import { BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { LA, apiAs, studioRange, type ApiBooking } from "./support/bookings";
import { e2eNow } from "./support/clock";
import { e2eDb } from "./support/db";
import { demoFloor } from "./support/floor";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { DAY_MS } from "../kernel/time";

test("moving a booking shows the new price and the difference first; a price changed meanwhile is shown again, not charged", async ({
  page,
  request,
}) => {
  const db = e2eDb();
  // A room of its own at $40/h, with an evening peak of $70/h on the day of the booking. Los Angeles adds CA sales
  // tax 9.5 % on top, so every price below is the total with it ($80.00 → $87.60).
  const date = localDate(new Date(e2eNow().getTime() + 4 * DAY_MS), LA);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  const { ws, la, room: ownRoom } = await demoFloor();
  const room = await ownRoom(la.id, "Move room", {
    hourlyRateCents: 4000,
    stepMinutes: 60,
    minMinutes: 120,
    maxMinutes: 240,
    bufferMinutes: 0,
  });
  const [peak] = await db
    .insert(pricingRules)
    .values({
      workspaceId: ws.id,
      roomId: room.id,
      name: "Evening",
      weekday,
      startsAt: "18:00",
      endsAt: "23:00",
      rateCents: 7000,
    })
    .returning();
  const at = (time: string) => localDateTimeToInstant(`${date}T${time}`, LA)!.toISOString();

  const api = await apiAs(request, demo("creator"));
  let made: ApiBooking;
  try {
    const res = await api.post("/api/v1/bookings", { roomId: room.id, startsAt: at("12:00"), endsAt: at("14:00") });
    expect(res.status(), await res.text()).toBe(201);
    made = (await res.json()) as ApiBooking;
  } finally {
    await api.dispose();
  }
  expect(made.quote).toMatchObject({ subtotalCents: 8000, totalCents: 8760 }); // with CA sales tax 9.5 %
  const evening = { startsAt: at("18:00"), endsAt: at("20:00") };

  await signInViaApi(page.request, demo("creator"));
  const booking = new BookingPage(page);
  const week = new RoomWeekPage(page);
  const startOf = async () =>
    (
      await db.select({ startsAt: bookings.startsAt }).from(bookings).where(eq(bookings.id, made.id))
    )[0].startsAt.toISOString();

  await test.step("pick 18:00–20:00 and See the new price: $153.30 with tax, $65.70 more, nothing moved yet", async () => {
    await booking.goto("demo", made.id);
    await booking.reschedule.click();
    await expect(week.heading).toHaveText(`Move booking ${made.code}`);
    const label = page.locator("label").filter({
      has: page.locator(
        `input[value="${new Date(evening.startsAt).toISOString()}|${new Date(evening.endsAt).toISOString()}"]`,
      ),
    });
    await label.click();
    await week.move.click();
    await expect(week.movePrice).toBeVisible();
    await expect(week.movePrice).toContainText(/Now\s*\$87\.60/);
    await expect(week.movePrice).toContainText(/At the new time\s*\$153\.30/);
    await expect(week.movePrice).toContainText(/Difference\s*\$65\.70 more/);
    await expect(
      page
        .getByRole("status")
        .filter({ hasText: "Nothing is charged now: the session is charged at its new price at check-out" }),
    ).toBeVisible();
    await expect(week.confirmMove).toBeVisible();
    expect(await startOf()).toBe(new Date(made.startsAt).toISOString());
    await expectAccessible(page);
  });

  await test.step("the studio raises the evening rate before the confirmation: the move is refused and priced again", async () => {
    await db.update(pricingRules).set({ rateCents: 8000 }).where(eq(pricingRules.id, peak.id));
    await week.confirmMove.click();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "The price of this time changed since you looked: it now costs $175.20" }),
    ).toBeVisible();
    await expect(week.movePrice).toContainText(/Difference\s*\$87\.60 more/);
    expect(await startOf()).toBe(new Date(made.startsAt).toISOString());
  });

  await test.step("Confirm the move at the price shown moves the booking, which then costs that", async () => {
    await week.confirmMove.click();
    await expect(page.getByRole("status").filter({ hasText: "Booking moved." })).toBeVisible();
    await booking.expectStatus(room.name, "confirmed");
    await expect(page.getByRole("main")).toContainText(studioRange(evening, LA));
    expect((await booking.priceLines()).at(-1)).toEqual({ item: "Total", cents: 17520 });
  });
});
