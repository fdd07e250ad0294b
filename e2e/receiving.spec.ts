import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { bookings } from "../db/schema";
import { InventoryPage, LeftoversPage, ReceivingPage, SamplesCard } from "./pages/inventory-pages";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";
import { HOUR, samplesWorld } from "./support/samples";

/**
 * The world of one journey: a session of creator@demo in a room of its own starting in 3 hours, and a shipment of 3
 * SKUs from Glow Cosmetics for it. The brand chose to have leftovers disposed of, 0 days after the session, so they
 * fall due as soon as the session is over.
 */
const world = () =>
  samplesWorld({
    roomName: "Samples room",
    startsIn: 3 * HOUR,
    shipment: { leftoverAction: "dispose", leftoverAfterDays: 0 },
    items: [
      { sku: "LIP-01", name: "Lipstick", quantityExpected: 2 },
      { sku: "PAL-02", name: "Palette", quantityExpected: 1 },
      { sku: "BRU-03", name: "Brush", quantityExpected: 3 },
    ],
  });

/** The session is over: moved into the past and completed, so its leftovers fall due. */
async function endSession(bookingId: string) {
  const end = new Date(e2eNow().getTime() - HOUR);
  await e2eDb()
    .update(bookings)
    .set({ status: "completed", startsAt: new Date(end.getTime() - 2 * HOUR), endsAt: end, blockedUntil: end })
    .where(eq(bookings.id, bookingId));
}

test("staff receive a brand's box, stage it for the session, return it after, and dispose of the leftovers as the brand chose", async ({
  browser,
}) => {
  // Three people, nine steps and seven accessibility scans: 30 to 60 s on a quiet machine, more on a busy one.
  test.slow();
  const { room, booking, shipment, bin } = await world();
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [staff, creator, brand] = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    await signInViaApi(staff.request, demo("staff"));
    const desk = new ReceivingPage(staff);

    await test.step("staff scan the box's code: its expected items show, and a bin is added to put them in", async () => {
      await desk.goto("demo");
      await expectAccessible(staff);
      await desk.scan(shipment.code);
      await expect(staff.getByRole("heading", { name: new RegExp(shipment.code) })).toBeVisible();
      await expect(desk.line("LIP-01 Lipstick").group).toContainText("Expected 2");
      await desk.addBin(bin);
    });

    await test.step("a count that cannot be right is refused next to its field, keeping what was typed", async () => {
      const lip = desk.line("LIP-01 Lipstick");
      await lip.damaged.fill("5");
      await lip.place.selectOption({ label: `${bin} (bin)` });
      await desk.receiveButton.click();
      await expect(lip.group.getByText("Cannot be more than received")).toBeVisible();
      await expect(lip.damaged).toHaveValue("5");
      await expect(lip.damaged).toHaveAttribute("aria-invalid", "true");
    });

    await test.step("2 of the 3 SKUs are received, one lipstick damaged: the receipt and the discrepancies show", async () => {
      const lip = desk.line("LIP-01 Lipstick");
      const pal = desk.line("PAL-02 Palette");
      const bru = desk.line("BRU-03 Brush");
      await lip.received.fill("2");
      await lip.damaged.fill("1");
      await lip.place.selectOption({ label: `${bin} (bin)` });
      await pal.received.fill("1");
      await pal.place.selectOption({ label: `${bin} (bin)` });
      await bru.received.fill("0");
      await desk.receiveButton.click();
      await expect(desk.receipt).toContainText(`Received 3 units of ${shipment.code}.`);
      await expect(desk.receipt).toContainText(`LIP-01 Lipstick: 2 (1 damaged) into ${bin}`);
      await expect(desk.discrepancies).toContainText("BRU-03 Brush: 3 missing");
      await expect(desk.discrepancies).toContainText("LIP-01 Lipstick: 1 damaged");
      await expect(staff.getByText("Partly received")).toBeVisible();
      await expectAccessible(staff);
    });

    await test.step("the inventory shows them on the bin, and refuses to stage more than is there", async () => {
      const inventory = new InventoryPage(staff);
      await inventory.goto("demo");
      const lip = inventory.row("LIP-01", shipment.code);
      await expect(lip).toContainText(bin);
      await expect(lip).toContainText("Glow Cosmetics");
      await expect(inventory.row("PAL-02", shipment.code)).toContainText(bin);
      await lip.getByText("Stage…").click();
      await lip.getByLabel("Stage LIP-01 for").selectOption(booking.id);
      await lip.getByLabel("Quantity to stage").fill("5");
      await lip.getByRole("button", { name: "Stage", exact: true }).click();
      await expect(lip.getByText("Only 2 of LIP-01 Lipstick are there.")).toBeVisible();
      await expect(lip.getByLabel("Quantity to stage")).toHaveValue("5");
      await expectAccessible(staff);
    });

    await test.step("on the booking page staff stage both for the session; the missing brushes keep it at risk", async () => {
      await staff.goto(`/w/demo/bookings/${booking.id}`);
      const samples = new SamplesCard(staff);
      await expect(samples.overall).toContainText("At risk");
      await expect(samples.row("LIP-01")).toContainText("Ready");
      await expect(samples.row("BRU-03")).toContainText("At risk");
      for (const [sku, name, n] of [
        ["LIP-01", "Lipstick", 2],
        ["PAL-02", "Palette", 1],
      ] as const) {
        const row = samples.row(sku);
        await row.getByText(`Stage from ${bin}…`).click();
        await row.getByRole("button", { name: "Stage", exact: true }).click();
        await expect(staff.getByText(`Staged ${n} × ${sku} ${name}.`).first()).toBeVisible();
        await expect(samples.row(sku)).toContainText("On set");
      }
      await expectAccessible(staff);
    });

    await test.step("the creator sees the same samples on their booking, read-only", async () => {
      await signInViaApi(creator.request, demo("creator"));
      await creator.goto(`/w/demo/bookings/${booking.id}`);
      const samples = new SamplesCard(creator);
      await expect(samples.row("LIP-01")).toContainText("On set");
      await expect(samples.overall).toContainText("At risk");
      await expect(samples.card.getByText(/^Stage|^Return to shelf/)).toHaveCount(0);
      await expectAccessible(creator);
    });

    await test.step("the brand follows its samples onto the set by the session's time and room, never its check-in code", async () => {
      await signInViaApi(brand.request, demo("brand"));
      await brand.goto(`/w/demo/shipments/${shipment.id}`);
      await expect(brand.getByText(`staged on ${room.name} for the session of `).first()).toBeVisible();
      await expect(brand.getByText(room.name).first()).toBeVisible();
      await expect(brand.getByText(booking.code)).toHaveCount(0);
      await brand.goto("/w/demo/shipments");
      await expect(brand.getByRole("link", { name: shipment.code })).toBeVisible();
      await expect(brand.getByText(booking.code)).toHaveCount(0);
    });

    await test.step("after the session staff return them from the set to the bin", async () => {
      await endSession(booking.id);
      await staff.goto(`/w/demo/bookings/${booking.id}`);
      const samples = new SamplesCard(staff);
      for (const [sku, name, n] of [
        ["LIP-01", "Lipstick", 2],
        ["PAL-02", "Palette", 1],
      ] as const) {
        const row = samples.row(sku);
        await row.getByText("Return to shelf…").click();
        await row.getByLabel(`Return ${sku} to`).selectOption({ label: `${bin} (bin)` });
        await row.getByRole("button", { name: "Return", exact: true }).click();
        await expect(staff.getByText(`Returned ${n} × ${sku} ${name} to the shelf.`).first()).toBeVisible();
      }
      await expect(samples.row("LIP-01")).toContainText("Ready");
      await expect(samples.row("PAL-02")).toContainText("Ready");
    });

    await test.step("the leftovers are due: staff dispose of them, as the brand chose", async () => {
      const leftovers = new LeftoversPage(staff);
      await leftovers.goto("demo");
      const row = leftovers.row(shipment.code);
      await expect(row).toContainText("Dispose of them");
      await expect(row).toContainText("Glow Cosmetics");
      await expect(row.getByRole("cell", { name: "3", exact: true })).toBeVisible();
      await expectAccessible(staff);
      await expect(row.getByRole("button", { name: /^Return to brand|^Give to creator/ })).toHaveCount(0);
      // Goods leave for good: the button asks first, naming how much.
      await row.getByRole("button", { name: `Dispose… the leftovers of ${shipment.code}` }).click();
      await expect(row).toContainText(`Dispose of 3 units of ${shipment.code}? This cannot be undone.`);
      await expectAccessible(staff);
      await row.getByRole("button", { name: `Yes, dispose the leftovers of ${shipment.code}` }).click();
      await expect(staff.getByText(`Disposed of: 3 units of ${shipment.code}.`).first()).toBeVisible();
      await leftovers.goto("demo");
      await expect(leftovers.row(shipment.code)).toHaveCount(0);
      await new InventoryPage(staff).goto("demo");
      await expect(staff.getByRole("row").filter({ hasText: shipment.code })).toHaveCount(0);
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("an unknown code says so and lets staff log the unexpected box, which then opens for receiving", async ({
  page,
}) => {
  const unknown = `NOPE${randomUUID().slice(0, 8).toUpperCase()}`;
  await signInViaApi(page.request, demo("staff"));
  const desk = new ReceivingPage(page);
  await desk.goto("demo");
  await desk.scan(unknown);
  await expect(page.getByText(`No shipment with code or tracking number ${unknown}.`)).toBeVisible();
  await expect(desk.unexpectedBox).toBeVisible();
  await expect(desk.unexpectedBox.getByLabel("Tracking number")).toHaveValue(unknown);
  await expectAccessible(page);

  await desk.unexpectedBox.getByRole("button", { name: "Log the box and receive it" }).click();
  await expect(desk.unexpectedBox.getByText("Say what is on the label (at least 3 characters)")).toBeVisible();
  await desk.unexpectedBox.getByLabel("Carrier").fill("DHL");
  await desk.unexpectedBox.getByLabel("What the label says").fill("Glow Cosmetics, no paperwork inside");
  const first = desk.unexpectedBox.getByRole("group", { name: "Item 1" });
  await first.getByLabel("SKU").fill("MYS-1");
  await first.getByLabel("Product name").fill("Mystery serum");
  await first.getByLabel("Quantity").fill("2");
  await desk.unexpectedBox.getByRole("button", { name: "Log the box and receive it" }).click();

  await expect(page.getByText(/^Box logged as SH-[A-Z0-9]{3}-[A-Z0-9]{3}\. Count it below\.$/)).toBeVisible();
  await expect(page.getByText("Unexpected box", { exact: true })).toBeVisible();
  await expect(desk.line("MYS-1 Mystery serum").received).toHaveValue("2");
  await expect(page.getByText("DHL " + unknown)).toBeVisible();
});

test("a brand opening the receiving desk gets the not-found page; a creator's inventory is read-only", async ({
  browser,
}) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [brand, creator] = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    await signInViaApi(brand.request, demo("brand"));
    await brand.goto("/w/demo");
    await expect(brand.getByRole("link", { name: "Inventory" }).first()).toBeVisible();
    await expect(brand.getByRole("link", { name: "Receiving" })).toHaveCount(0);
    const res = await brand.goto("/w/demo/receiving");
    expect(res?.status()).toBe(404);

    await signInViaApi(creator.request, demo("creator"));
    await new InventoryPage(creator).goto("demo");
    await expect(creator.getByText(/^(Move|Count|Stage)…$/)).toHaveCount(0);
    await expectAccessible(creator);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
