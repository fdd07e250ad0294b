import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { shipments, workspaces } from "../db/schema";
import { NewShipmentPage, ShipmentLabelPage, ShipmentPage, ShipmentsPage } from "./pages/shipments-pages";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";
import { e2eNow } from "./support/clock";
import { DAY_MS } from "../kernel/time";

const LA = "Los Angeles – Arts District";
const CHLOE = "Chloe Creator";
const NOT_FOUND = { level: 1, name: "Page not found" } as const;

/** SKUs of their own per run, so a re-run on the same database never meets an earlier run's rows. */
const skus = () => {
  const tag = randomUUID().slice(0, 4).toUpperCase();
  return [`LIP-${tag}`, `PAL-${tag}`, `BRU-${tag}`];
};

async function demoShipmentCount() {
  const db = e2eDb();
  const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, "demo"));
  const [row] = await db.select({ n: count() }).from(shipments).where(eq(shipments.workspaceId, ws.id));
  return row.n;
}

test("a brand announces a box by typing its items, sees its timeline and prints its label; only those it concerns can open it", async ({
  browser,
}) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [brand, creator, other] = await Promise.all(contexts.map((c) => c.newPage()));
  const [lip, pal, bru] = skus();
  const tracking = `1Z${randomUUID().slice(0, 10).toUpperCase()}`;
  let shipment = { id: "", code: "" };
  try {
    await test.step("the brand opens Shipments and starts a new one", async () => {
      await signInViaApi(brand.request, demo("brand"));
      const list = new ShipmentsPage(brand);
      await list.goto("demo");
      await expectAccessible(brand);
      await list.newShipment.click();
      await expect(new NewShipmentPage(brand).heading).toBeVisible();
      await expectAccessible(brand);
    });

    await test.step("a missing quantity is named next to its cell, and everything typed stays", async () => {
      const form = new NewShipmentPage(brand);
      await form.address(LA, CHLOE);
      await form.carrier.fill("UPS");
      await form.tracking.fill(tracking);
      await form.expectedOn.fill(new Date(e2eNow().getTime() + 5 * DAY_MS).toISOString().slice(0, 10));
      await form.leftovers.selectOption({ label: "Give them to the creator" });
      await form.leftoverDays.fill("3");
      await form.fillItem(1, { sku: lip, name: "Lipstick, red", quantity: "4", value: "12.50" });
      await form.addItem.click();
      await expect(form.item(2, "SKU")).toBeFocused(); // the keyboard follows the new row
      await form.fillItem(2, { sku: pal, name: "Eyeshadow palette", quantity: "2" });
      await form.addItem.click();
      await form.fillItem(3, { sku: bru, name: "Brush set" });
      await form.submit.click();
      await expect(brand.getByText("Check the fields marked below.")).toBeVisible();
      await expect(form.item(3, "Quantity")).toHaveAttribute("aria-invalid", "true");
      await expect(form.item(3, "Quantity")).toHaveAccessibleDescription("Enter a quantity");
      await expect(form.item(1, "SKU")).toHaveValue(lip);
      await expect(form.item(2, "Product name")).toHaveValue("Eyeshadow palette");
      await expect(form.tracking).toHaveValue(tracking);
      await expect(form.studio.locator("option:checked")).toHaveText(LA);
      await expect(form.leftovers.locator("option:checked")).toHaveText("Give them to the creator");
    });

    await test.step("with the quantity filled in it is announced, with a timeline entry", async () => {
      const form = new NewShipmentPage(brand);
      await form.item(3, "Quantity").fill("1");
      await form.submit.click();
      const page = new ShipmentPage(brand);
      shipment = await page.current();
      await expect(brand.getByText("Shipment announced.")).toBeVisible();
      await expect(page.items.getByRole("row")).toHaveCount(4); // the header and 3 SKUs
      await expect(page.timeline.getByRole("listitem")).toHaveCount(1);
      await expect(page.timeline).toContainText(`Announced: 3 SKUs, 7 units, UPS ${tracking}.`);
      await expect(page.timeline).toContainText("Bea Brand");
      await expect(brand.getByText("Give to the creator 3 days after")).toBeVisible();
      await expectAccessible(brand);
    });

    await test.step("the label shows the code big and as a QR", async () => {
      const page = new ShipmentPage(brand);
      await page.printLabel.click();
      const label = new ShipmentLabelPage(brand);
      await expect(label.code).toHaveText(shipment.code);
      await expect(label.qr(shipment.code)).toBeVisible();
      await expect(brand.getByText(`Attn: ${CHLOE}`)).toBeVisible();
      await expect(label.print).toBeVisible();
      await expectAccessible(brand);
    });

    await test.step("the list finds it by tracking number", async () => {
      const list = new ShipmentsPage(brand);
      await list.goto("demo");
      await list.search(tracking);
      await expect(list.filters.getByLabel("Code, tracking number or SKU")).toHaveValue(tracking); // the GET form keeps it
      await expect(list.table.getByRole("row")).toHaveCount(2);
      await expect(list.row(shipment.code)).toContainText("0 / 7");
    });

    await test.step("Chloe sees the box sent to her, read-only", async () => {
      await signInViaApi(creator.request, demo("creator"));
      const list = new ShipmentsPage(creator);
      await list.goto("demo");
      await expect(list.newShipment).toHaveCount(0);
      await list.row(shipment.code).getByRole("link", { name: shipment.code }).click();
      await expect(new ShipmentPage(creator).code).toHaveText(shipment.code);
    });

    await test.step("another creator gets the 404 page for its page and its label", async () => {
      await signInViaApi(other.request, demo("creator2"));
      for (const path of [`/w/demo/shipments/${shipment.id}`, `/w/demo/shipments/${shipment.id}/label`]) {
        const res = await other.goto(path);
        expect(res?.status(), path).toBe(404);
        await expect(other.getByRole("heading", NOT_FOUND)).toBeVisible();
      }
      await other.goto("/w/demo/shipments");
      await expect(new ShipmentsPage(other).row(shipment.code)).toHaveCount(0);
    });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("a brand imports the items from a CSV: a bad line is named and changes nothing, a good file fills the rows", async ({
  page,
}) => {
  const [lip, pal, bru] = skus();
  await signInViaApi(page.request, demo("brand"));
  const form = new NewShipmentPage(page);
  await form.goto("demo");
  await form.address(LA, CHLOE);
  const before = await demoShipmentCount();

  await test.step("a file with one bad line is refused line by line", async () => {
    await form.importCsv("bad.csv", `sku,name,quantity\n${lip},Lipstick,2\n,No SKU here,1\n${bru},Brush set,1\n`);
    await expect(form.csvProblems).toBeVisible();
    await expect(form.csvProblems.getByRole("listitem")).toHaveText(["Line 3: SKU: Enter the SKU"]);
    await expect(page.getByRole("alert").filter({ hasText: "The file was not imported" })).toBeVisible();
    await expect(form.item(1, "SKU")).toHaveValue("");
    await expect(form.item(2, "SKU")).toHaveCount(0);
    expect(await demoShipmentCount()).toBe(before);
    await expectAccessible(page);
  });

  await test.step("the fixed file fills three rows, and the shipment is announced from them", async () => {
    await form.importCsv(
      "items.csv",
      `quantity,sku,name,declared_value\n2,${lip},"Lipstick, red",12.50\n1,${pal},Palette,\n3,${bru},Brush set,4\n`,
    );
    await expect(page.getByRole("status").filter({ hasText: "Imported 3 items from the file." })).toBeVisible();
    await expect(form.csvProblems).toHaveCount(0);
    await expect(form.item(1, "Product name")).toHaveValue("Lipstick, red");
    await expect(form.item(1, "Declared value (optional)")).toHaveValue("12.5");
    await expect(form.item(3, "SKU")).toHaveValue(bru);
    await expect(form.item(3, "Quantity")).toHaveValue("3");
    await form.submit.click();
    const shipment = new ShipmentPage(page);
    await shipment.current();
    await expect(shipment.timeline).toContainText("Announced: 3 SKUs, 6 units.");
    expect(await demoShipmentCount()).toBe(before + 1);
  });
});
