import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { bookings, memberships, users } from "../db/schema";
import { BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { RunSheetPage } from "./pages/run-sheet-pages";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, firstLink, latestEmail, signInViaApi, test } from "./support/fixtures";
import { demoFloor } from "./support/floor";

/** Issue 11, item 12: staff book a walk-in for someone who is not a member yet, inviting them in the same step. */
test("staff book a walk-in for a newcomer by email from the run sheet; the newcomer chooses a password and sees the booking", async ({
  page,
  browser,
}) => {
  const { ws, la, room: newRoom } = await demoFloor();
  const room = await newRoom(la.id, "Walk-in room");
  const email = `e2e-walkin-${randomUUID().slice(0, 8)}@example.test`;
  await signInViaApi(page.request, demo("staff"));
  const sheet = new RunSheetPage(page);
  await sheet.goto("demo");
  await sheet.timeline.getByRole("link", { name: `Add a walk-in to ${room.name}` }).click();
  const week = new RoomWeekPage(page);
  await expect(week.heading).toHaveText(room.name);

  await test.step("the earliest free time, for someone new: a missing address is refused next to its field, and every choice is kept", async () => {
    const first = week.freeTimes.locator("label").first();
    await first.click();
    await week.creator.selectOption({ label: "Someone new (not a member yet)…" });
    const newcomer = page.getByRole("group", { name: "New creator" });
    await newcomer.getByLabel("Name").fill("Nina Newcomer");
    await expectAccessible(page);
    await week.hold.click();
    await expect(newcomer.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(newcomer).toContainText("Enter the creator's email address");
    await expect(week.creator).toHaveValue("new");
    await expect(newcomer.getByLabel("Name")).toHaveValue("Nina Newcomer");
    await expect(first.getByRole("radio")).toBeChecked();
    await newcomer.getByLabel("Email").fill(email);
    await week.hold.click();
  });

  const booking = new BookingPage(page);
  await test.step("the held booking is the newcomer's: staff confirm it at the desk", async () => {
    await booking.expectStatus(room.name, "held");
    await expect(page.getByRole("main")).toContainText("Nina Newcomer");
    await expect(page.getByRole("main")).toContainText(email);
    await booking.confirm.click();
    await booking.expectStatus(room.name, "confirmed");
  });
  const [user] = await e2eDb().select().from(users).where(eq(users.email, email));
  const [member] = await e2eDb()
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, user.id)));
  expect(member.role).toBe("creator");
  const [made] = await e2eDb().select().from(bookings).where(eq(bookings.roomId, room.id));
  expect(made).toMatchObject({ creatorId: user.id, status: "confirmed" });

  await test.step("the newcomer follows the email's link, chooses a password, and finds the booking", async () => {
    const welcome = await latestEmail(email, "workspace.walk_in");
    expect(welcome.text).toContain("booked a session for you at the front desk");
    const newcomer = await browser.newContext();
    try {
      const theirs = await newcomer.newPage();
      await theirs.goto(firstLink(welcome.text));
      await expect(theirs.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
      await theirs.getByLabel("New password").fill("walk-in passphrase 42");
      await theirs.getByRole("button", { name: "Set new password" }).click();
      await expect(theirs).toHaveURL(/\/w\/demo$/);
      await theirs.goto("/w/demo/bookings?when=upcoming");
      await expect(theirs.getByRole("main")).toContainText(made.code);
    } finally {
      await newcomer.close();
    }
  });
});
