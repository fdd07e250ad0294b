import type { inventoryItems, shipmentItems, shipments } from "@/db/schema";
import { DAY_MS } from "@/kernel/time";

/**
 * The samples domain's rules, each once: pure functions of the rows they judge. The desk, the shipment page and
 * list, the API, the emails and webhooks of a receipt, a session's samples card and the run sheet all ask these.
 */

type Status = (typeof shipments.$inferSelect)["status"];
type ShipmentItem = typeof shipmentItems.$inferSelect;
type CountedItem = Pick<ShipmentItem, "sku" | "name" | "quantityExpected" | "quantityReceived" | "quantityDamaged">;
type StockRow = Pick<typeof inventoryItems.$inferSelect, "onHand" | "damaged">;

export const DISCREPANCY_KINDS = ["short", "over", "damaged"] as const;
export type Discrepancy = { sku: string; name: string; kind: (typeof DISCREPANCY_KINDS)[number]; quantity: number };

/**
 * Whether the box has been counted at the desk: every receipt moves a shipment to partly received or received (a
 * receipt that counts nothing is refused). Until then every item is on its way, and none of it is missing.
 */
export function hasBeenCounted(status: Status): boolean {
  return status === "partially_received" || status === "received" || status === "closed";
}

/**
 * **The discrepancy rule.** Where the receipts of a counted box stand against what was announced, item by item:
 * - `short`: fewer received than announced, by the difference, including an item of which nothing came at all;
 * - `over`: more received than announced (an unlisted item found in the box announced 0);
 * - `damaged`: units received damaged. They did arrive, so they are not short: the desk puts them on the chosen
 *   shelf as received and damaged, and the brand is told "n damaged".
 * One item can be short or over, and damaged too. Extras of one item never make up for another that is short.
 */
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

/** Whether every announced unit has come: the box is then received, else partly received. */
export function fullyReceived(items: CountedItem[]): boolean {
  return !discrepancies(items).some((d) => d.kind === "short");
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
 * `missing` is 0 until the box is counted; `issues` is how many items have a discrepancy (the rule above).
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
  const issues = items.filter((i) => shipmentDiscrepancies(status, [i]).length > 0).length;
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

/** Stock never goes below zero: whether a row can take a change of `delta` units (`damagedDelta` of them damaged). */
export function stockAllows(row: StockRow, delta: number, damagedDelta = 0): boolean {
  return row.onHand + delta >= 0 && row.damaged + damagedDelta >= 0;
}

/**
 * How many of `quantity` units leaving a row are damaged ones: damaged units move only when nothing else is left
 * (damage stays with the unit as far as we can tell).
 */
export function damagedMoved(row: StockRow, quantity: number): number {
  return Math.max(0, quantity - (row.onHand - row.damaged));
}

export type Readiness = "staged" | "ready" | "waiting" | "at_risk";
type Sample = { wanted: number; staged: number; inStudio: number; arrived: boolean };

/**
 * Units of a sample that are neither here nor on their way: its box was counted without them (it arrived short,
 * or what came has gone since). 0 while the box is still on its way.
 */
export function missingUnits(input: Sample): number {
  return input.arrived ? Math.max(0, input.wanted - input.staged - input.inStudio) : 0;
}

/**
 * Whether samples meant for a session will be on set in time:
 * - staged: on the session's set already; ready: received and in the studio;
 * - at risk: not all here, and either their box arrived without them (nothing more is on its way), or they are
 *   expected after the session starts, or still missing a day before it;
 * - waiting: not all received yet, but their box is on its way and expected in time.
 */
export function readiness(input: Sample & { expectedOn: string | null; startsAt: Date; now: Date }): Readiness {
  if (input.staged >= input.wanted) return "staged";
  if (input.inStudio + input.staged >= input.wanted) return "ready";
  if (missingUnits(input) > 0) return "at_risk";
  if (input.expectedOn && Date.parse(`${input.expectedOn}T00:00:00Z`) > input.startsAt.getTime()) return "at_risk";
  if (input.now.getTime() >= input.startsAt.getTime() - DAY_MS) return "at_risk";
  return "waiting";
}

/** A session's overall state: the worst of its items (at risk, then waiting, then ready). */
export function overallReadiness(states: Readiness[]): Readiness | null {
  if (states.length === 0) return null;
  if (states.includes("at_risk")) return "at_risk";
  if (states.includes("waiting")) return "waiting";
  return states.every((s) => s === "staged") ? "staged" : "ready";
}

export const READINESS_LABEL: Record<Readiness, string> = {
  staged: "On set",
  ready: "Ready",
  waiting: "Waiting",
  at_risk: "At risk",
};

const MEANING: Record<Readiness, string> = {
  staged: "Everything is on the set.",
  ready: "Everything is in the studio, ready to stage.",
  waiting: "Some samples have not arrived yet, but are expected in time.",
  at_risk: "Some samples may not be here in time.",
};

/**
 * A session's samples in one sentence. When a counted box left some short it names them ("2 × PAL-02 Palette
 * missing: …"), rather than a state that could pass for "on its way".
 */
export function readinessMeaning(state: Readiness, items: { sku: string; name: string; missing: number }[]): string {
  const missing = items.filter((i) => i.missing > 0).map((i) => `${i.missing} × ${i.sku} ${i.name}`);
  return missing.length
    ? `${missing.join(", ")} missing: not in the studio, and nothing more is on its way.`
    : MEANING[state];
}
