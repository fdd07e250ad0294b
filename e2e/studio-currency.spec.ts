import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { bookings, charges, rooms, studios } from "../db/schema";
import { RoomForm, SetupPage, StudioForm, said } from "./pages/setup-pages";
import { e2eNow } from "./support/clock";
import { e2eDb } from "./support/db";
import { createUserWithWorkspace, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

/**
 * A workspace priced in US dollars opens a studio in Shanghai priced in yuan: its rooms are typed and shown in CNY
 * wherever they appear, and its currency cannot change while one of its charges is still open.
 */
test("an owner prices a new studio in yuan, sees its rooms in CN¥, and cannot change its currency while a charge is open", async ({ page }) => {
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
    const start = new Date(e2eNow().getTime() - 3 * 86_400_000);
    const end = new Date(start.getTime() + 3_600_000);
    const quote = { currency: "CNY", minutes: 60, subtotalCents: 30_000, totalCents: 30_000, lines: [{ kind: "room_time", description: `${roomName}, 1 h`, quantity: 60, unitAmountCents: 30_000, amountCents: 30_000 }] };
    const [b] = await db
      .insert(bookings)
      .values({ workspaceId: studio.workspaceId, roomId: room.id, creatorId: owner.userId, code: `CNY-${randomUUID().slice(0, 3).toUpperCase()}`, status: "completed", startsAt: start, endsAt: end, blockedUntil: end, quote, createdBy: owner.userId })
      .returning();
    await db.insert(charges).values({ workspaceId: studio.workspaceId, creatorId: owner.userId, kind: "room_time", bookingId: b.id, description: `${roomName}, 1 h (${b.code})`, quantity: 1, unitAmountCents: 30_000, amountCents: 30_000, currency: "CNY", idempotencyKey: `room_time:${b.id}:0` });

    await setup.goto(owner.slug);
    await setup.openStudio(name);
    const details = new StudioForm(page.getByRole("form", { name: `Details of ${name}` }));
    await details.address.fill("1601 Nanjing W Rd");
    await details.currency.selectOption("JPY");
    await details.submit();
    await expect(details.form.getByText("The currency cannot change while 1 charge in CNY is still open (not paid or void).", { exact: false })).toBeVisible();
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
