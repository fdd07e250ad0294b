import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { storageLocations, storageReservations, storageUnits, studios, users, workspaces } from "../db/schema";
import { addNights } from "../lib/storage/nights";
import { localDate } from "../lib/studios/local-time";
import { StorageBoardPage, StoragePage } from "./pages/storage-pages";
import { usd } from "./support/bookings";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";
import { DAY_MS } from "../kernel/time";

const LA = "Los Angeles – Arts District";
const RATE_CENTS = 1250;

/**
 * A storage unit of its own in the demo's Los Angeles studio (staff@demo works there), made like createStorageUnit
 * makes one (with its inventory place), so no other test and no earlier run on the same server reserves it.
 * `today` is the studio's date now: nights are dates on its clock.
 */
async function world() {
  const db = e2eDb();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  const [la] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.workspaceId, ws.id), eq(studios.name, LA)));
  const [sh] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.workspaceId, ws.id), eq(studios.name, "Shanghai – Jing'an")));
  const [creator] = await db
    .select()
    .from(users)
    .where(eq(users.email, demo("creator")));
  const code = `E2E-${randomUUID().slice(0, 6).toUpperCase()}`;
  const [place] = await db
    .insert(storageLocations)
    .values({ workspaceId: ws.id, studioId: la.id, code: `Unit ${code}`, kind: "unit" })
    .returning();
  const [unit] = await db
    .insert(storageUnits)
    .values({
      workspaceId: ws.id,
      studioId: la.id,
      code,
      size: "M",
      nightlyRateCents: RATE_CENTS,
      locationId: place.id,
    })
    .returning();
  return { ws, la, sh, creator, unit, today: localDate(e2eNow(), la.timeZone) };
}

test("a creator reserves a unit for 3 nights and checks 2 boxes in; staff see it on their board, and never another studio's", async ({
  browser,
}) => {
  const { unit, sh, today } = await world();
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [creator, staff] = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    await signInViaApi(creator.request, demo("creator"));
    const storage = new StoragePage(creator);

    await test.step("a night that has passed, and a last night before the first, are refused with what was typed kept", async () => {
      await storage.goto("demo");
      await storage.reserve({ studio: LA, unitId: unit.id, first: addNights(today, -1), last: addNights(today, 1) });
      await expect(storage.reserveForm.getByText("The first night has already passed", { exact: true })).toBeVisible();
      await expect(storage.reserveForm.getByLabel("First night")).toHaveValue(addNights(today, -1));
      await expect(storage.reserveForm.getByLabel("Unit", { exact: true })).toHaveValue(unit.id);
      await storage.reserveForm.getByLabel("First night").fill(addNights(today, 2));
      await storage.reserveForm.getByLabel("Last night").fill(today);
      await expect(storage.summary).toHaveText("The last night cannot be before the first.");
      await storage.reserveForm.getByRole("button", { name: "Reserve" }).click();
      await expect(
        storage.reserveForm.getByText("The last night cannot be before the first", { exact: true }),
      ).toBeVisible();
    });

    await test.step("3 nights from tonight: the price shows before confirming, then the reservation is listed", async () => {
      await storage.reserveForm.getByLabel("First night").fill(today);
      await storage.reserveForm.getByLabel("Last night").fill(addNights(today, 2));
      await expect(storage.summary).toHaveText(`3 nights × ${usd(RATE_CENTS)} = ${usd(3 * RATE_CENTS)}`);
      await storage.reserveForm.getByRole("button", { name: "Reserve" }).click();
      await expect(creator.getByText(/^Reserved for 3 nights \(.+\): \$37\.50\.$/)).toBeVisible();
      const card = storage.reservation(unit.code, storage.current);
      await expect(card).toContainText("Reserved");
      await expect(card).toContainText(`3 nights × ${usd(RATE_CENTS)} = ${usd(3 * RATE_CENTS)}`);
      await expect(card.getByText("Nothing yet.")).toBeVisible();
    });

    await test.step("2 boxes are checked in and listed in the unit", async () => {
      const card = storage.reservation(unit.code, storage.current);
      await storage.checkIn(card, [
        { name: "Ring lights", sku: "BOX-1", quantity: 1 },
        { name: "Props", sku: "BOX-2", quantity: 1 },
      ]);
      await expect(creator.getByText("Checked in 2 items.").first()).toBeVisible();
      await expect(card).toContainText("Goods in");
      const stored = card.getByRole("list", { name: `Stored in Unit ${unit.code}` });
      await expect(stored.getByRole("listitem")).toHaveText(["BOX-1 Ring lights × 1", "BOX-2 Props × 1"]);
      await expect(card.getByRole("button", { name: /^Collect everything/ })).toBeVisible();
      await expect(card.getByRole("button", { name: /^Cancel/ })).toHaveCount(0); // the first night has begun
      await expectAccessible(creator);
    });

    await test.step("staff see the unit taken for the 3 nights on the board, free after", async () => {
      await signInViaApi(staff.request, demo("staff"));
      const board = new StorageBoardPage(staff);
      await board.goto("demo");
      const nights = board.nights(unit.code);
      for (const n of [0, 1, 2]) {
        await expect(nights.nth(n)).toContainText("Chloe Creator");
        await expect(nights.nth(n)).toContainText("Goods in");
      }
      await expect(nights.nth(3)).toHaveText("Free");
      await expectAccessible(staff);
    });

    await test.step("staff of Los Angeles get the not-found page for the Shanghai studio's board", async () => {
      expect((await staff.goto(`/w/demo/storage/board?studio=${sh.id}`))?.status()).toBe(404);
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("a second creator cannot take a night already reserved, and cancels a later reservation for free", async ({
  page,
}) => {
  const { ws, creator, unit, today } = await world();
  // Chloe holds the unit for tonight and the next 2 nights.
  await e2eDb()
    .insert(storageReservations)
    .values({
      workspaceId: ws.id,
      unitId: unit.id,
      creatorId: creator.id,
      firstNight: today,
      lastNight: addNights(today, 2),
      nightlyRateCents: RATE_CENTS,
      createdBy: creator.id,
    });
  await signInViaApi(page.request, demo("creator2"));
  const storage = new StoragePage(page);
  await storage.goto("demo");

  await storage.reserve({ studio: LA, unitId: unit.id, first: addNights(today, 2), last: addNights(today, 3) });
  await expect(
    storage.reserveForm.getByText(`Unit ${unit.code} is already reserved for some of these nights.`),
  ).toBeVisible();
  await expect(storage.reserveForm.getByLabel("Last night")).toHaveValue(addNights(today, 3));
  await expect(storage.reservation(unit.code)).toHaveCount(0);

  await storage.reserveForm.getByLabel("First night").fill(addNights(today, 5));
  await storage.reserveForm.getByLabel("Last night").fill(addNights(today, 6));
  await storage.reserveForm.getByRole("button", { name: "Reserve" }).click();
  await expect(page.getByText(/^Reserved for 2 nights/)).toBeVisible();
  const card = storage.reservation(unit.code, storage.current);
  await expect(card.getByText(/^Goods can be checked in from /)).toBeVisible();
  // Cancelling asks first: "Not now" keeps the reservation; "Yes, cancel" ends it.
  await card.getByRole("button", { name: /^Cancel…/ }).click();
  await expect(card.getByText("Cancel this reservation and give up its nights?")).toBeVisible();
  await card.getByRole("button", { name: /^Not now/ }).click();
  await expect(card.getByRole("button", { name: /^Yes, cancel/ })).toHaveCount(0);
  await card.getByRole("button", { name: /^Cancel…/ }).click();
  await card.getByRole("button", { name: /^Yes, cancel/ }).click();
  await expect(page.getByText(/^Reservation for .+ cancelled\. Nothing is charged\.$/).first()).toBeVisible();
  await expect(storage.reservation(unit.code, storage.past)).toContainText("Cancelled");
  await expect(storage.reservation(unit.code, storage.current)).toHaveCount(0);
});

test("nights that are over become storage-night charges within seconds, on the creator's billing page", async ({
  page,
}) => {
  const { ws, creator, unit, today } = await world();
  // Goods went in 3 nights ago and the last night was yesterday's: 3 nights are over, none is an overrun yet.
  await e2eDb()
    .insert(storageReservations)
    .values({
      workspaceId: ws.id,
      unitId: unit.id,
      creatorId: creator.id,
      firstNight: addNights(today, -3),
      lastNight: addNights(today, -1),
      status: "active",
      checkedInAt: new Date(e2eNow().getTime() - 3 * DAY_MS),
      nightlyRateCents: RATE_CENTS,
      createdBy: creator.id,
    });
  await signInViaApi(page.request, demo("creator"));
  const storage = new StoragePage(page);

  await test.step("the reservation is flagged overdue; the creator checks a box in late and collects everything", async () => {
    await storage.goto("demo");
    const card = storage.reservation(unit.code, storage.current);
    await expect(card.getByText("Overdue", { exact: true })).toBeVisible();
    await storage.checkIn(card, [{ name: "Tripods", sku: "BOX-9", quantity: 2 }]);
    await expect(page.getByText("Checked in 2 items.").first()).toBeVisible();
    await card.getByRole("button", { name: /^Collect everything…/ }).click();
    await expect(card.getByText(/^Hand everything in the unit back to the creator\?/)).toBeVisible();
    await card.getByRole("button", { name: /^Yes, collect everything/ }).click();
    await expect(page.getByText("Collected 2 items; the unit is free again.").first()).toBeVisible();
    await expect(storage.reservation(unit.code, storage.past)).toContainText("Collected");
    await expectAccessible(page);
  });

  await test.step("the job loop has written one charge per night, listed under upcoming charges", async () => {
    const rows = page
      .getByRole("table", { name: "Upcoming charges, not yet invoiced" })
      .getByRole("row")
      .filter({ hasText: `Storage unit ${unit.code}, night of` });
    await expect(async () => {
      await page.goto("/w/demo/billing");
      await expect(rows).toHaveCount(3, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    for (const n of [-3, -2, -1]) {
      await expect(rows.filter({ hasText: `night of ${addNights(today, n)}` })).toContainText(usd(RATE_CENTS));
    }
  });
});

test("a manager adds a unit to the Shanghai studio from its board; a rate that is not a number is refused, keeping the form", async ({
  page,
}) => {
  const code = `SH-${randomUUID().slice(0, 6).toUpperCase()}`;
  await signInViaApi(page.request, demo("manager"));
  const board = new StorageBoardPage(page);
  await board.goto("demo");
  await board.showStudio("Shanghai – Jing'an");
  await expect(board.nights("S1").first()).toBeVisible(); // the demo's units

  const form = page.getByRole("form", { name: "Add a unit to Shanghai – Jing'an" });
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("Size").selectOption("L");
  await form.getByLabel(/^Nightly rate/).fill("lots");
  await form.getByRole("button", { name: "Add unit" }).click();
  await expect(form.getByText("Enter a rate")).toBeVisible();
  await expect(form.getByLabel("Code")).toHaveValue(code);
  await expect(form.getByLabel("Size")).toHaveValue("L");

  // The Shanghai studio prices in yuan: the rate is typed and shown in CNY.
  await expect(form.getByLabel("Nightly rate (CNY)")).toBeVisible();
  await form.getByLabel(/^Nightly rate/).fill("180.50");
  await form.getByRole("button", { name: "Add unit" }).click();
  await expect(form.getByText(`Added unit ${code} (L, CN¥180.50 a night).`)).toBeVisible();
  await expect(board.nights(code)).toHaveCount(14);
  await expect(board.nights(code).first()).toHaveText("Free");
  await expectAccessible(page);
});
