import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { bookings, charges, memberships, rooms, studios, users } from "../db/schema";
import { BookPage, BookingPage, RoomWeekPage } from "./pages/booking-pages";
import { RoomForm, SetupPage, StudioForm, said } from "./pages/setup-pages";
import { e2eNow } from "./support/clock";
import { e2eDb } from "./support/db";
import {
  createUserWithWorkspace,
  DEMO_PASSWORD,
  expect,
  expectAccessible,
  signInViaApi,
  test,
} from "./support/fixtures";
import { DAY_MS } from "../kernel/time";

/**
 * A workspace priced in US dollars opens a studio in Shanghai priced in yuan: its rooms are typed and shown in CNY
 * wherever they appear, and its currency cannot change while one of its charges is still open.
 */
test("an owner prices a new studio in yuan, sees its rooms in CN¥, and cannot change its currency while a charge is open", async ({
  page,
}) => {
  const owner = await createUserWithWorkspace();
  await signInViaApi(page.request, owner.email);
  const setup = new SetupPage(page);
  const name = `Shanghai Annex ${randomUUID().slice(0, 4)}`;
  const roomName = "Room Y – Yuan";

  await test.step("a new studio starts in the workspace's currency, and the owner chooses CNY", async () => {
    await setup.goto(owner.slug);
    const form = setup.newStudio;
    await expect(form.currency).toHaveValue("USD");
    await form.name.fill(name);
    await form.timeZone.selectOption("Asia/Shanghai");
    await form.currency.selectOption("CNY");
    await form.addRange("Monday");
    await form.submit();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(new StudioForm(page.getByRole("form", { name: `Details of ${name}` })).currency).toHaveValue("CNY");
  });

  await test.step("its rooms are priced in yuan: the form says CNY, a decimal of a fen is refused, the list shows CN¥", async () => {
    const form = new RoomForm(page.getByRole("form", { name: "New room" }));
    await expect(form.form.getByLabel("Hourly rate (CNY)")).toBeVisible();
    await form.fill({ name: roomName, rate: "300.005" });
    await form.submit();
    await expect(form.form.getByText("Enter an amount in CNY like 65.00")).toBeVisible();
    await expect(form.form.getByLabel("Name")).toHaveValue(roomName);
    await form.form.getByLabel(/^Hourly rate/).fill("300");
    await form.submit();
    await expect(page.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
    await expect(page.getByLabel("Hourly rate (CNY)")).toHaveValue("300.00");
    await page.goto(`/w/${owner.slug}/book`);
    await expect(page.getByRole("main")).toContainText("CN¥300.00 / hour");
    await expectAccessible(page);
  });

  await test.step("with a charge of the studio still open, a new currency is refused next to its field, keeping what was typed", async () => {
    const db = e2eDb();
    const [studio] = await db.select().from(studios).where(eq(studios.name, name));
    const [room] = await db.select().from(rooms).where(eq(rooms.studioId, studio.id));
    const start = new Date(e2eNow().getTime() - 3 * DAY_MS);
    const end = new Date(start.getTime() + 3_600_000);
    const quote = {
      currency: "CNY",
      minutes: 60,
      subtotalCents: 30_000,
      totalCents: 30_000,
      lines: [
        {
          kind: "room_time",
          description: `${roomName}, 1 h`,
          quantity: 60,
          unitAmountCents: 30_000,
          amountCents: 30_000,
        },
      ],
    };
    const [b] = await db
      .insert(bookings)
      .values({
        workspaceId: studio.workspaceId,
        roomId: room.id,
        creatorId: owner.userId,
        code: `CNY-${randomUUID().slice(0, 3).toUpperCase()}`,
        status: "completed",
        startsAt: start,
        endsAt: end,
        blockedUntil: end,
        quote,
        createdBy: owner.userId,
      })
      .returning();
    await db.insert(charges).values({
      workspaceId: studio.workspaceId,
      creatorId: owner.userId,
      kind: "room_time",
      bookingId: b.id,
      description: `${roomName}, 1 h (${b.code})`,
      quantity: 1,
      unitAmountCents: 30_000,
      amountCents: 30_000,
      currency: "CNY",
      idempotencyKey: `room_time:${b.id}:0`,
    });

    await setup.goto(owner.slug);
    await setup.openStudio(name);
    const details = new StudioForm(page.getByRole("form", { name: `Details of ${name}` }));
    await details.address.fill("1601 Nanjing W Rd");
    await details.currency.selectOption("JPY");
    await details.submit();
    await expect(
      details.form.getByText("The currency cannot change while 1 charge in CNY is still open (not paid or void).", {
        exact: false,
      }),
    ).toBeVisible();
    await expect(details.currency).toHaveValue("JPY");
    await expect(details.address).toHaveValue("1601 Nanjing W Rd");
    await expect(details.currency).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    // Nothing was saved: the studio is still in yuan.
    await page.reload();
    await expect(details.currency).toHaveValue("CNY");
    await expect(said(page, "CN¥300.00 / hour")).toBeVisible();
  });
});

/**
 * Taxes per studio: the owner sets "CA sales tax 9.5 %" on top of the prices (a bad rate is refused next to its
 * field, keeping what was typed); a creator then sees the tax as its own line before booking, and on their billing
 * page once a session is checked out.
 */
test("an owner sets a studio's tax; a creator sees the tax line in the price before booking and on their billing page", async ({
  page,
  browser,
}) => {
  const owner = await createUserWithWorkspace();
  const db = e2eDb();
  const name = `Tax Studio ${randomUUID().slice(0, 4)}`;
  const roomName = "Set T – Taxed";
  await signInViaApi(page.request, owner.email);
  const setup = new SetupPage(page);

  await test.step("the owner adds a studio open every day and sets its tax; a bad rate is refused, keeping what was typed", async () => {
    await setup.goto(owner.slug);
    const form = setup.newStudio;
    await form.name.fill(name);
    await form.timeZone.selectOption("America/Los_Angeles");
    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
      await form.addRange(day);
      await form.range(day).opens.fill("00:00");
      await form.range(day).closes.fill("00:00");
    }
    await form.submit();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const details = new StudioForm(page.getByRole("form", { name: `Details of ${name}` }));
    await details.form.getByLabel("Prices and tax").selectOption("exclusive");
    await details.form.getByLabel("Tax rate (%)").fill("9,5");
    await details.form.getByLabel("Tax name").fill("CA sales tax");
    await details.submit();
    await expect(
      details.form.getByText("Enter the rate as a percent above 0 and at most 100, with at most 3 decimals, like 9.5"),
    ).toBeVisible();
    await expect(details.form.getByLabel("Tax name")).toHaveValue("CA sales tax");
    await expect(details.form.getByLabel("Prices and tax")).toHaveValue("exclusive");
    await expectAccessible(page);
    await details.form.getByLabel("Tax rate (%)").fill("9.5");
    await details.submit();
    await expect(said(page, "Studio saved.")).toBeVisible();
    await expect(details.form.getByLabel("Tax rate (%)")).toHaveValue("9.5");

    const room = new RoomForm(page.getByRole("form", { name: "New room" }));
    await room.fill({ name: roomName, rate: "100", min: "60", max: "240" });
    await room.submit();
    await expect(page.getByRole("heading", { level: 1, name: roomName })).toBeVisible();
  });

  // A creator of the workspace (made here, as the other specs make theirs).
  const [studio] = await db.select().from(studios).where(eq(studios.name, name));
  const [room] = await db.select().from(rooms).where(eq(rooms.studioId, studio.id));
  const creatorEmail = `e2e-tax-${randomUUID().slice(0, 8)}@example.test`;
  const [creator] = await db
    .insert(users)
    .values({ email: creatorEmail, name: "Tess Taxed", passwordHash: await hash(DEMO_PASSWORD) })
    .returning();
  await db.insert(memberships).values({ workspaceId: studio.workspaceId, userId: creator.id, role: "creator" });

  const context = await browser.newContext();
  try {
    const creatorPage = await context.newPage();
    await signInViaApi(creatorPage.request, creatorEmail);

    await test.step("the creator holds a slot: the price shows the subtotal, the tax as its own line and the total with it", async () => {
      const book = new BookPage(creatorPage);
      await book.goto(owner.slug);
      await book.openRoom(name, roomName);
      const week = new RoomWeekPage(creatorPage);
      await week.chooseLength("1 h", 60);
      await week.pickFreeSlotLateInWeek();
      await week.hold.click();
      const booking = new BookingPage(creatorPage);
      await expect(booking.price).toBeVisible();
      expect(await booking.priceLines()).toEqual([
        { item: expect.stringContaining(roomName), cents: 10_000 },
        { item: "Subtotal", cents: 10_000 },
        { item: "CA sales tax 9.5 %", cents: 950 },
        { item: "Total", cents: 10_950 },
      ]);
      await expectAccessible(creatorPage);
    });

    await test.step("after a session is checked out, the creator's billing page lists the tax as its own charge", async () => {
      const start = new Date(e2eNow().getTime() - 10 * 60_000);
      const end = new Date(start.getTime() + 3_600_000);
      const quote = {
        currency: "USD",
        minutes: 60,
        subtotalCents: 10_000,
        tax: { name: "CA sales tax", ratePercent: "9.5", inclusive: false, amountCents: 950 },
        totalCents: 10_950,
        lines: [
          {
            kind: "room_time",
            description: `${roomName}, 1 h`,
            quantity: 60,
            unitAmountCents: 10_000,
            amountCents: 10_000,
          },
        ],
      };
      const [b] = await db
        .insert(bookings)
        .values({
          workspaceId: studio.workspaceId,
          roomId: room.id,
          creatorId: creator.id,
          code: `TX${randomUUID().slice(0, 4).toUpperCase()}`,
          status: "checked_in",
          checkedInAt: start,
          startsAt: start,
          endsAt: end,
          blockedUntil: end,
          quote,
          createdBy: creator.id,
        })
        .returning();
      const booking = new BookingPage(page);
      await booking.goto(owner.slug, b.id);
      await page.getByRole("button", { name: "Check out and charge" }).click();
      await expect(page.getByText("Checked out. $109.50 was charged to the creator.").first()).toBeVisible();

      await creatorPage.goto(`/w/${owner.slug}/billing`);
      const upcoming = creatorPage
        .locator("section")
        .filter({ has: creatorPage.getByRole("heading", { name: "Upcoming charges" }) });
      await expect(upcoming.getByRole("row").filter({ hasText: `CA sales tax 9.5 % (${b.code})` })).toContainText(
        "$9.50",
      );
      await expect(upcoming.getByRole("row").filter({ hasText: `${roomName}, 1 h (${b.code})` })).toContainText(
        "$100.00",
      );
      await expect(creatorPage.getByText("$109.50").first()).toBeVisible();
      await expectAccessible(creatorPage);
    });
  } finally {
    await context.close();
  }
});
