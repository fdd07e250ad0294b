import { eq } from "drizzle-orm";
import { bookings, rooms, studios } from "../db/schema";
import { BookPage, BookingPage } from "./pages/booking-pages";
import { LA, apiAs, bookFreeSlot, studioClock } from "./support/bookings";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, latestEmail, signInViaApi, test } from "./support/fixtures";

/** Issue 11, items 9 and 11: a booking's page says how it ended, and staff see whose booking it is. */
test.describe("a booking's page after it ends, and as staff see it", () => {
  test("a cancelled booking shows who cancelled, why and the fee, no check-in code, and is under Past, not Upcoming", async ({
    page,
  }) => {
    const api = await apiAs(page.request, demo("creator"));
    try {
      // Three days out: free to cancel.
      const { booking, roomName } = await bookFreeSlot(api, { after: 72, before: 120 });
      await signInViaApi(page.request, demo("creator"));
      const view = new BookingPage(page);
      await view.goto("demo", booking.id);
      await expect(view.qr(booking.code)).toBeVisible();

      await test.step("cancel it, giving a reason", async () => {
        await view.cancel.click();
        await view.cancelForm.getByLabel("Reason (optional)").fill("The brand moved the launch");
        await view.cancelForm.getByRole("button", { name: "Yes, cancel booking" }).click();
        await view.expectStatus(roomName, "cancelled");
      });

      await test.step("the page says how it ended and no longer offers the check-in code", async () => {
        await page.reload();
        const ended = page.getByRole("main");
        await expect(page.getByRole("heading", { name: "Cancelled", exact: true })).toBeVisible();
        await expect(ended).toContainText(/Cancelled on .+ by Chloe Creator\./);
        await expect(ended).toContainText("Reason: The brand moved the launch");
        await expect(ended).toContainText("No fee.");
        await expect(view.qr(booking.code)).toHaveCount(0);
        await expect(view.code).toHaveCount(0);
        await expect(page.getByText("Show this at the front desk")).toHaveCount(0);
        await expectAccessible(page);
      });

      await test.step("it is under Past, not Upcoming", async () => {
        await page.goto("/w/demo/bookings?when=upcoming");
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.getByRole("main")).not.toContainText(booking.code);
        await page.goto("/w/demo/bookings?when=past");
        await expect(page.getByRole("main")).toContainText(booking.code);
      });
    } finally {
      await api.dispose();
    }
  });

  test("staff see the creator's name and email, the booking's notes, and whose balance it is", async ({ page }) => {
    const api = await apiAs(page.request, demo("creator"));
    try {
      const { booking } = await bookFreeSlot(api, { after: 30, before: 100 });
      await e2eDb()
        .update(bookings)
        .set({ notes: "Bring the blue backdrop; two hosts" })
        .where(eq(bookings.id, booking.id));
      await signInViaApi(page.request, demo("staff"));
      const view = new BookingPage(page);
      await view.goto("demo", booking.id);
      await expect(page.getByRole("heading", { name: "Creator", exact: true })).toBeVisible();
      const creator = page.getByRole("main");
      await expect(creator).toContainText("Chloe Creator");
      await expect(creator.getByRole("link", { name: demo("creator") })).toHaveAttribute(
        "href",
        `mailto:${demo("creator")}`,
      );
      await expect(creator).toContainText("Bring the blue backdrop; two hosts");
      await expect(page.getByText(/^Chloe Creator(’s outstanding balance: | owes nothing\.)/)).toBeVisible();
      await expectAccessible(page);
    } finally {
      await api.dispose();
    }
  });
});

/** Issue 11, item 14: staff who work only in Los Angeles are offered only Los Angeles rooms. */
test("Los Angeles staff are not offered Shanghai rooms, not even by their address", async ({ page }) => {
  const [shanghai] = await e2eDb()
    .select({ id: rooms.id })
    .from(rooms)
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(eq(studios.timeZone, "Asia/Shanghai"))
    .limit(1);
  await signInViaApi(page.request, demo("staff"));
  const book = new BookPage(page);
  await book.goto("demo");
  await expect(book.studio(/^Los Angeles/)).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("Shanghai");
  await expectAccessible(page);
  for (const path of [`/w/demo/book/${shanghai.id}`, `/w/demo/book/${shanghai.id}/series`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }
  // A creator is still offered both.
  await signInViaApi(page.request, demo("creator"));
  await book.goto("demo");
  await expect(page.getByRole("main")).toContainText("Shanghai");
});

/** Issue 11, items 8 and 17: the confirmation email links to moving the booking, which opens on the booking's own week. */
test("the confirmation email's Reschedule link opens the move on the booking's own week, and its Cancel link the booking", async ({
  page,
}) => {
  const api = await apiAs(page.request, demo("creator"));
  try {
    // Ten days or more ahead: another week than this one.
    const { booking } = await bookFreeSlot(api, { after: 24 * 10, before: 24 * 13 });
    const mail = await latestEmail(demo("creator"), "booking.confirmed");
    expect(mail.text).toContain(`Booking code: ${booking.code}`);
    const reschedule = /Reschedule: (\S+)/.exec(mail.text)?.[1];
    const cancel = /Cancel or see the booking: (\S+)/.exec(mail.text)?.[1];
    expect(reschedule && cancel).toBeTruthy();
    await signInViaApi(page.request, demo("creator"));
    await page.goto(new URL(reschedule!).pathname + new URL(reschedule!).search);
    await expect(page.getByRole("heading", { level: 1, name: `Move booking ${booking.code}` })).toBeVisible();
    const day = studioClock(booking.startsAt, LA).date.replace(/ \d{4}$/, "");
    await expect(page.getByRole("group", { name: day })).toBeVisible();
    await expectAccessible(page);
    await page.goto(new URL(cancel!).pathname);
    await expect(new BookingPage(page).cancel).toBeVisible();
  } finally {
    await api.dispose();
  }
});
