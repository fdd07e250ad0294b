import { BookPage, BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { WorkspaceShell } from "./pages/workspace-pages";
import { LA, apiAs, bookFreeSlot, studioClock, studioRange, usd, type Slot } from "./support/bookings";
import { demo, expect, expectAccessible, latestEmail, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";

const STUDIO = /^Los Angeles – Arts District/;
const ROOM = "Set A – Beauty";
const NOT_FOUND = { level: 1, name: "Page not found" } as const;

// The browser sits far from the studio: every time on screen must still be the studio's own, labelled as such.
test.use({ timezoneId: "Asia/Tokyo" });

/** The radio of a free start is named "<day> <start>–<end>" on the studio's clock. */
function expectStudioTimes(slot: Slot & { name: string }, minutes: number) {
  expect(Date.parse(slot.endsAt) - Date.parse(slot.startsAt)).toBe(minutes * 60_000);
  expect(slot.name).toMatch(new RegExp(`${studioClock(slot.startsAt, LA).time}–${studioClock(slot.endsAt, LA).time}$`));
}

test.describe("booking a set", () => {
  test("a creator books 3 hours next week, confirms, moves the booking, then cancels it for free", async ({ page }) => {
    await signInViaApi(page.request, demo("creator"));
    const room = new RoomWeekPage(page);
    const booking = new BookingPage(page);

    const slot = await test.step("choose a free 3-hour start next week in a Los Angeles room", async () => {
      const shell = new WorkspaceShell(page);
      await shell.goto("demo");
      await shell.nav.getByRole("link", { name: "Book a set" }).click();
      const book = new BookPage(page);
      await expect(book.heading).toBeVisible();
      await expect(book.studio(STUDIO)).toContainText(LA);
      await book.openRoom(STUDIO, ROOM);
      await expect(page.getByText(`times in ${LA}`)).toBeVisible();
      await room.chooseLength("3 h", 180);
      await room.nextWeek();
      const picked = await room.pickFreeSlotLateInWeek();
      expectStudioTimes(picked, 180);
      await page.getByRole("checkbox", { name: /^Teleprompter/ }).check();
      await room.hold.click();
      return picked;
    });

    const code =
      await test.step("the held booking shows the price in studio time; confirming it books it", async () => {
        await booking.expectStatus(ROOM, "held");
        await expect(page.getByRole("main")).toContainText(studioRange(slot, LA));
        const lines = await booking.priceLines();
        const total = lines.at(-1)!;
        expect(total.item).toBe("Total");
        expect(lines[0].item).toContain(`${ROOM}, ${studioClock(slot.startsAt, LA).time}–`);
        expect(lines.map((l) => l.item)).toContain("Teleprompter");
        // Los Angeles adds CA sales tax on top of the lines, as its own line before the total.
        const [subtotal, tax] = lines.slice(-3, -1);
        expect([subtotal.item, tax.item]).toEqual(["Subtotal", "CA sales tax 9.5 %"]);
        expect(subtotal.cents).toBe(lines.slice(0, -3).reduce((sum, l) => sum + l.cents, 0));
        expect(total.cents).toBe(subtotal.cents + tax.cents);
        expect(total.cents).toBeGreaterThan(0);

        await booking.confirm.click();
        await booking.expectStatus(ROOM, "confirmed");
        const shown = ((await booking.code.textContent()) ?? "").trim();
        await expect(page.getByText(`Booked. Your code is ${shown};`)).toBeVisible();
        await expect(booking.qr(shown)).toBeVisible();
        return shown;
      });

    await test.step("the confirmation email carries a calendar invite", async () => {
      const email = await latestEmail(demo("creator"), "booking.confirmed");
      expect(email.subject).toBe(`Booked: ${ROOM}, ${code}`);
      expect(email.text).toContain(studioRange(slot, LA));
      expect(email.attachments[0].filename).toMatch(/\.ics$/);
      expect(email.attachments[0].content).toContain("BEGIN:VEVENT");
    });

    const moved = await test.step("reschedule to another free start", async () => {
      await booking.reschedule.click();
      await expect(room.heading).toHaveText(`Move booking ${code}`);
      await room.nextWeek();
      const other = await room.pickFreeSlotLateInWeek();
      expect(other.startsAt).not.toBe(slot.startsAt);
      expectStudioTimes(other, 180);
      // The move is priced first; only Confirm the move moves it (its exact price is in reschedule-price.spec.ts).
      await room.move.click();
      await expect(room.movePrice).toBeVisible();
      await expect(room.movePrice).toContainText(/Now\s*\$[\d,.]+/);
      await expect(page.getByText("Nothing is charged now", { exact: false })).toBeVisible();
      await room.confirmMove.click();
      await expect(
        page.getByRole("status").filter({ hasText: "Booking moved. The confirmation email has the new time." }),
      ).toBeVisible();
      await booking.expectStatus(ROOM, "confirmed");
      await expect(page.getByRole("main")).toContainText(studioRange(other, LA));
      await expect(booking.code).toHaveText(code);
      const email = await latestEmail(demo("creator"), "booking.changed");
      expect(email.subject).toBe(`Booking changed: ${ROOM}, ${code}`);
      expect(email.text).toContain(`Was: ${studioRange(slot, LA)}`);
      return other;
    });

    await test.step("cancel, told first that it is free so long before the start", async () => {
      expect(Date.parse(moved.startsAt) - e2eNow().getTime()).toBeGreaterThan(24 * 3_600_000);
      const free = "Cancelling now is free (free until 24 h before the start).";
      await expect(page.getByText(free)).toBeVisible();
      const yes = await booking.openCancel();
      await expect(booking.cancelForm).toContainText(free);
      await yes.click();
      await expect(page.getByText("Booking cancelled. No fee was charged.")).toBeVisible();
      await booking.expectStatus(ROOM, "cancelled");
      await expect(booking.reschedule).toHaveCount(0);
    });
  });

  test("cancelling within 24 hours of the start shows the 50 % late fee before confirming", async ({
    page,
    request,
  }) => {
    const api = await apiAs(request, demo("creator"));
    try {
      const { booking: made, roomName } = await bookFreeSlot(api, { after: 1.5, before: 23 });
      expect(made.status).toBe("confirmed");
      const fee = usd(Math.round(made.quote.totalCents / 2));

      await signInViaApi(page.request, demo("creator"));
      const booking = new BookingPage(page);
      await booking.goto("demo", made.id);
      await booking.expectStatus(roomName, "confirmed");
      await expect(page.getByRole("main")).toContainText(studioRange(made, LA));
      const late = `Cancelling now costs ${fee} (50 % within 24 h of the start).`;
      await expect(page.getByText(late)).toBeVisible();

      const yes = await booking.openCancel();
      await expect(booking.cancelForm).toContainText(late);
      await yes.click();
      await expect(page.getByText(`Booking cancelled. A late-cancellation fee of ${fee} was charged.`)).toBeVisible();
      await booking.expectStatus(roomName, "cancelled");
    } finally {
      await api.dispose();
    }
  });
});

test.describe("who may see and make bookings", () => {
  test("another creator opening a creator's booking gets the 404 page", async ({ page, request }) => {
    const api = await apiAs(request, demo("creator"));
    try {
      const { booking: held } = await bookFreeSlot(api, { after: 7 * 24, before: 13 * 24, hold: true });
      await signInViaApi(page.request, demo("creator2"));
      const res = await page.goto(`/w/demo/bookings/${held.id}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", NOT_FOUND)).toBeVisible();
      await expect(page.getByText(held.code)).toHaveCount(0);
      expect((await api.post(`/api/v1/bookings/${held.id}/cancel`, {})).status()).toBe(200);
    } finally {
      await api.dispose();
    }
  });

  test("a manager books for a creator; a brand has no booking screens", async ({ page, browser }) => {
    await signInViaApi(page.request, demo("manager"));
    const book = new BookPage(page);
    await book.goto("demo");
    await book.openRoom(STUDIO, ROOM);
    const room = new RoomWeekPage(page);
    await expect(room.creator).toBeVisible();
    await expect(room.creator.getByRole("option", { name: `Chloe Creator (${demo("creator")})` })).toBeAttached();

    const brand = await browser.newContext();
    try {
      await signInViaApi(brand.request, demo("brand"));
      const brandPage = await brand.newPage();
      const shell = new WorkspaceShell(brandPage);
      await shell.goto("demo");
      await expect(shell.navLinks.first()).toBeVisible();
      await expect(shell.nav.getByRole("link", { name: "Book a set" })).toHaveCount(0);
      const res = await brandPage.goto("/w/demo/book");
      expect(res?.status()).toBe(404);
      await expect(brandPage.getByRole("heading", NOT_FOUND)).toBeVisible();
    } finally {
      await brand.close();
    }
  });
});

test("the book page, a room's week and a held booking have no WCAG 2.1 AA violations", async ({ page }) => {
  await signInViaApi(page.request, demo("creator"));
  const book = new BookPage(page);
  await book.goto("demo");
  await expectAccessible(page);

  await book.openRoom(STUDIO, ROOM);
  const room = new RoomWeekPage(page);
  await room.nextWeek();
  await room.pickFreeSlotLateInWeek();
  await expectAccessible(page);

  await room.hold.click();
  const booking = new BookingPage(page);
  await booking.expectStatus(ROOM, "held");
  await expect(page.getByText("Releasing this hold is free.")).toBeVisible();
  await expectAccessible(page);

  // Let the slot go, so the next run finds it free again.
  await (await booking.openCancel("Release hold")).click();
  await expect(page.getByText("Booking cancelled. No fee was charged.")).toBeVisible();
  await booking.expectStatus(ROOM, "cancelled");
});
