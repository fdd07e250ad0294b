import type { shipmentItems, shipments } from "@/db/schema";

type Status = (typeof shipments.$inferSelect)["status"];
type ShipmentItem = typeof shipmentItems.$inferSelect;
type CountedItem = Pick<ShipmentItem, "sku" | "name" | "quantityExpected" | "quantityReceived" | "quantityDamaged">;
export type Discrepancy = { sku: string; name: string; kind: "short" | "over" | "damaged"; quantity: number };

/**
 * Whether the box has been counted at the desk: every receipt moves a shipment to partly received or received (a
 * receipt that counts nothing is refused). Until then every item is on its way, and none of it is missing.
 */
export function hasBeenCounted(status: Status): boolean {
  return status === "partially_received" || status === "received" || status === "closed";
}

/** Where receipts stand against what was announced, item by item: shortages, over-deliveries and damage. */
export function discrepancies(items: CountedItem[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const i of items) {
    if (i.quantityReceived < i.quantityExpected)
      out.push({ sku: i.sku, name: i.name, kind: "short", quantity: i.quantityExpected - i.quantityReceived });
    if (i.quantityReceived > i.quantityExpected)
      out.push({ sku: i.sku, name: i.name, kind: "over", quantity: i.quantityReceived - i.quantityExpected });
    if (i.quantityDamaged > 0) out.push({ sku: i.sku, name: i.name, kind: "damaged", quantity: i.quantityDamaged });
  }
  return out;
}

/** What a shipment's receipts got wrong: nothing before its box is counted (a box on its way is not short). */
export function shipmentDiscrepancies(status: Status, items: CountedItem[]): Discrepancy[] {
  return hasBeenCounted(status) ? discrepancies(items) : [];
}

export const describeDiscrepancy = (d: Discrepancy) =>
  d.kind === "short"
    ? `${d.sku} ${d.name}: ${d.quantity} missing`
    : d.kind === "over"
      ? `${d.sku} ${d.name}: ${d.quantity} more than announced`
      : `${d.sku} ${d.name}: ${d.quantity} damaged`;

/**
 * A shipment's units in one line: `received` of `expected` counts each item only up to what it announced, so 2
 * lipsticks too many never hide 2 palettes that did not come ("13 / 15, 2 missing, 2 extra", not "15 / 15").
 * `missing` is 0 until the box is counted; `issues` is how many items do not match.
 */
export function shipmentCounts(status: Status, items: CountedItem[]) {
  const counted = hasBeenCounted(status);
  let expected = 0;
  let received = 0;
  let missing = 0;
  let extra = 0;
  for (const i of items) {
    expected += i.quantityExpected;
    received += Math.min(i.quantityReceived, i.quantityExpected);
    extra += Math.max(0, i.quantityReceived - i.quantityExpected);
    if (counted) missing += Math.max(0, i.quantityExpected - i.quantityReceived);
  }
  const issues = new Set(shipmentDiscrepancies(status, items).map((d) => d.sku)).size;
  return { counted, expected, received, missing, extra, issues };
}

/**
 * What the desk's "Received now" field of an item starts at. On the box's first count: what was announced (a box
 * usually holds its list). Once a receipt is in, empty: what is left is shown as still expected, and a second
 * *Confirm receipt* then adds nothing nobody counted.
 */
export function receiveFieldStart(
  status: Status,
  item: Pick<ShipmentItem, "quantityExpected" | "quantityReceived">,
): string {
  return hasBeenCounted(status) ? "" : String(Math.max(0, item.quantityExpected - item.quantityReceived));
}
