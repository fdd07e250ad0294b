import { eq } from "drizzle-orm";
import { shipmentItems } from "../db/schema";
import { ReceivingPage, SamplesCard } from "./pages/inventory-pages";
import { ShipmentsPage } from "./pages/shipments-pages";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";
import { DAY, samplesWorld } from "./support/samples";

/**
 * A box from Glow Cosmetics for creator@demo's session three days from now, in a room of its own. It is expected
 * tomorrow, well in time, and lists 10 lipsticks and 5 palettes.
 */
const world = () =>
  samplesWorld({
    roomName: "Recount room",
    startsIn: 3 * DAY,
    shipment: { expectedOn: new Date(e2eNow().getTime() + DAY).toISOString().slice(0, 10) },
    items: [
      { sku: "LIP-01", name: "Lipstick", quantityExpected: 10 },
      { sku: "PAL-02", name: "Palette", quantityExpected: 5 },
    ],
  });

/** What the shipment's items say was received, read from the database (the stock a second receipt would double). */
async function receivedSoFar(shipmentId: string) {
  const items = await e2eDb().select().from(shipmentItems).where(eq(shipmentItems.shipmentId, shipmentId));
  return Object.fromEntries(items.map((i) => [i.sku, i.quantityReceived]));
}

/** The box arrives with 12 lipsticks (2 more than listed) and 3 palettes (2 short); the count is double-clicked. */
async function countTheBox(desk: ReceivingPage, code: string, bin: string) {
  await desk.goto("demo");
  await desk.scan(code);
  await expect(desk.line("LIP-01 Lipstick").group).toContainText("Expected 10");
  await desk.addBin(bin);
  const lip = desk.line("LIP-01 Lipstick");
  const pal = desk.line("PAL-02 Palette");
  await lip.received.fill("12");
  await lip.place.selectOption({ label: `${bin} (bin)` });
  await pal.received.fill("3");
  await pal.place.selectOption({ label: `${bin} (bin)` });
  await desk.receiveButton.dblclick();
  await expect(desk.receipt).toContainText(`Received 15 units of ${code}.`);
}

test("a counted box is counted once: the desk then asks only for what is still to come, in empty fields", async ({
  page,
}) => {
  const { shipment, bin } = await world();
  await signInViaApi(page.request, demo("staff"));
  const desk = new ReceivingPage(page);

  await test.step("before anything is counted nothing is called missing, and the count starts from what was announced", async () => {
    await desk.goto("demo");
    await desk.scan(shipment.code);
    await expect(desk.line("PAL-02 Palette").group).toContainText("still expected 5");
    await expect(desk.line("PAL-02 Palette").received).toHaveValue("5");
    await expect(page.getByText("In transit", { exact: true })).toBeVisible();
    await expect(desk.discrepancies).toHaveCount(0);
    await expect(page.getByText(/\d+ missing/)).toHaveCount(0);
    await expectAccessible(page);
  });

  await test.step("a double click on Confirm receipt receives the box once, with what did not match", async () => {
    await countTheBox(desk, shipment.code, bin);
    await expect(desk.discrepancies).toContainText("PAL-02 Palette: 2 missing");
    await expect(desk.discrepancies).toContainText("LIP-01 Lipstick: 2 more than announced");
    expect(await receivedSoFar(shipment.id)).toEqual({ "LIP-01": 12, "PAL-02": 3 });
  });

  await test.step("the form now shows what is left to receive as empty fields", async () => {
    const pal = desk.line("PAL-02 Palette");
    await expect(pal.group).toContainText("received so far 3");
    await expect(pal.group).toContainText("still expected 2");
    await expect(pal.received).toHaveValue("");
    await expect(desk.line("LIP-01 Lipstick").received).toHaveValue("");
    await expectAccessible(page);
  });

  await test.step("pressing Confirm receipt again adds nothing that was not counted", async () => {
    await desk.receiveButton.click();
    await expect(page.getByText("Nothing was counted: enter the quantities received.")).toBeVisible();
    expect(await receivedSoFar(shipment.id)).toEqual({ "LIP-01": 12, "PAL-02": 3 });
  });

  await test.step("the 2 palettes that come later are received into the same form", async () => {
    const pal = desk.line("PAL-02 Palette");
    await pal.received.fill("2");
    await pal.place.selectOption({ label: `${bin} (bin)` });
    await desk.receiveButton.click();
    await expect(desk.receipt).toContainText(`Received 2 units of ${shipment.code}.`);
    await expect(desk.discrepancies).not.toContainText("missing");
    expect(await receivedSoFar(shipment.id)).toEqual({ "LIP-01": 12, "PAL-02": 5 });
  });
});

test("a box that arrived short says what is missing: in the session's samples and in the shipment list", async ({
  browser,
}) => {
  const { booking, shipment, bin } = await world();
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [staff, creator] = await Promise.all(contexts.map((c) => c.newPage()));
  try {
    await signInViaApi(staff.request, demo("staff"));
    await countTheBox(new ReceivingPage(staff), shipment.code, bin);

    await test.step("the shipment list counts the palettes that did not come, not the extra lipsticks in their place", async () => {
      const list = new ShipmentsPage(staff);
      await list.goto("demo");
      await list.search(shipment.code);
      const row = list.row(shipment.code);
      await expect(row).toContainText("Partly received");
      await expect(row).toContainText("13 / 15");
      await expect(row).toContainText("2 missing");
      await expect(row).toContainText("2 extra");
      await expectAccessible(staff);
    });

    await test.step("the session's samples are at risk, not waiting: 2 palettes are missing", async () => {
      await staff.goto(`/w/demo/bookings/${booking.id}`);
      const samples = new SamplesCard(staff);
      await expect(samples.overall).toContainText("At risk");
      await expect(samples.overall).toContainText("2 × PAL-02 Palette missing");
      await expect(samples.overall).not.toContainText("expected in time");
      await expect(samples.row("PAL-02")).toContainText("At risk");
      await expect(samples.row("PAL-02")).toContainText("2 missing");
      await expect(samples.row("LIP-01")).toContainText("Ready");
      await expectAccessible(staff);
    });

    await test.step("the creator reads the same on their booking", async () => {
      await signInViaApi(creator.request, demo("creator"));
      await creator.goto(`/w/demo/bookings/${booking.id}`);
      const samples = new SamplesCard(creator);
      await expect(samples.overall).toContainText("At risk");
      await expect(samples.row("PAL-02")).toContainText("2 missing");
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
