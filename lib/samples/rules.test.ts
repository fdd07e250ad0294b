import { describe, expect, it } from "vitest";
import {
  damagedMoved,
  describeDiscrepancy,
  discrepancies,
  fullyReceived,
  hasBeenCounted,
  missingUnits,
  overallReadiness,
  readiness,
  readinessMeaning,
  receiveFieldStart,
  shipmentCounts,
  shipmentDiscrepancies,
  stockAllows,
} from "./rules";

const item = (sku: string, quantityExpected: number, quantityReceived = 0, quantityDamaged = 0) => ({
  sku,
  name: sku.toLowerCase(),
  quantityExpected,
  quantityReceived,
  quantityDamaged,
});
// The box of the issue: 10 lipsticks and 5 palettes announced; 12 lipsticks and 3 palettes came.
const announced = [item("LIP", 10), item("PAL", 5)];
const arrived = [item("LIP", 10, 12), item("PAL", 5, 3, 1)];

describe("a shipment's counts", () => {
  it("are counted once a receipt moved the shipment on, not while it is on its way", () => {
    expect(["announced", "in_transit"].map((s) => hasBeenCounted(s as "announced"))).toEqual([false, false]);
    expect(["partially_received", "received", "closed"].map((s) => hasBeenCounted(s as "received"))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("call nothing missing before the box is counted", () => {
    expect(shipmentDiscrepancies("in_transit", announced)).toEqual([]);
    expect(shipmentCounts("in_transit", announced)).toEqual({
      counted: false,
      expected: 15,
      received: 0,
      missing: 0,
      extra: 0,
      issues: 0,
    });
  });

  it("never let extra units of one item hide missing units of another", () => {
    expect(shipmentCounts("partially_received", arrived)).toEqual({
      counted: true,
      expected: 15,
      received: 13,
      missing: 2,
      extra: 2,
      issues: 2,
    });
    expect(shipmentDiscrepancies("partially_received", arrived).map(describeDiscrepancy)).toEqual([
      "LIP lip: 2 more than announced",
      "PAL pal: 2 missing",
      "PAL pal: 1 damaged",
    ]);
    expect(shipmentCounts("received", [item("LIP", 10, 10), item("PAL", 5, 5)])).toMatchObject({
      received: 15,
      missing: 0,
      extra: 0,
      issues: 0,
    });
  });

  it("start the desk's count from what was announced on the first count only, then from empty fields", () => {
    expect(announced.map((i) => receiveFieldStart("in_transit", i))).toEqual(["10", "5"]);
    expect(receiveFieldStart("announced", item("NEW", 0))).toBe("0");
    expect(arrived.map((i) => receiveFieldStart("partially_received", i))).toEqual(["", ""]);
    expect(receiveFieldStart("received", item("LIP", 10, 10))).toBe("");
  });
});

describe("the discrepancy rule", () => {
  // One rule answers the desk's "Confirm receipt", the shipment page, the API's `discrepancies`, the receipt's
  // email and webhook, and the list's "n items with a discrepancy". Until issue 11 the list counted its items in
  // SQL instead (`quantity_received > 0 and (quantity_received <> quantity_expected or quantity_damaged > 0)`):
  // an item of which nothing came was no discrepancy there, while the desk and the brand were told "3 missing".
  it("calls an item of which nothing came short by everything announced, and counts it as an item with an issue", () => {
    const box = [item("LIP-01", 2, 2), item("BRU-03", 3, 0)];
    expect(discrepancies(box)).toEqual([{ sku: "BRU-03", name: "bru-03", kind: "short", quantity: 3 }]);
    expect(shipmentCounts("partially_received", box)).toMatchObject({ missing: 3, issues: 1 });
  });

  it("names shortages, extras and damage item by item; extras of one item never make up for another", () => {
    expect(discrepancies([item("LIP", 10, 12), item("PAL", 5, 3, 1), item("NEW", 0, 1)])).toEqual([
      { sku: "LIP", name: "lip", kind: "over", quantity: 2 },
      { sku: "PAL", name: "pal", kind: "short", quantity: 2 },
      { sku: "PAL", name: "pal", kind: "damaged", quantity: 1 },
      { sku: "NEW", name: "new", kind: "over", quantity: 1 },
    ]);
  });

  it("counts damaged units as arrived: damage alone is a discrepancy, never a shortage", () => {
    expect(discrepancies([item("PAL", 2, 2, 2)])).toEqual([{ sku: "PAL", name: "pal", kind: "damaged", quantity: 2 }]);
    expect(fullyReceived([item("PAL", 2, 2, 2)])).toBe(true);
  });

  it("finds nothing in a box that holds its list", () => {
    expect(discrepancies([item("LIP", 10, 10), item("PAL", 5, 5)])).toEqual([]);
  });

  it("makes a box received once nothing announced is short, extras or not", () => {
    expect(fullyReceived([item("LIP", 10, 12), item("PAL", 5, 5)])).toBe(true);
    expect(fullyReceived([item("LIP", 10, 12), item("PAL", 5, 4)])).toBe(false);
    expect(fullyReceived([item("BRU", 3, 0)])).toBe(false);
  });

  it("counts items with an issue, not SKUs: an unexpected box may list one SKU twice", () => {
    expect(shipmentCounts("received", [item("JAR", 1, 0), item("JAR", 1, 2)]).issues).toBe(2);
  });
});

describe("stock", () => {
  it("never goes below zero, on hand or damaged", () => {
    expect(stockAllows({ onHand: 3, damaged: 1 }, -3, -1)).toBe(true);
    expect(stockAllows({ onHand: 3, damaged: 1 }, -4)).toBe(false);
    expect(stockAllows({ onHand: 3, damaged: 1 }, -1, -2)).toBe(false);
    expect(stockAllows({ onHand: 0, damaged: 0 }, 5, 1)).toBe(true);
  });

  it("moves damaged units only when nothing else is left", () => {
    expect(damagedMoved({ onHand: 5, damaged: 2 }, 3)).toBe(0);
    expect(damagedMoved({ onHand: 5, damaged: 2 }, 4)).toBe(1);
    expect(damagedMoved({ onHand: 5, damaged: 2 }, 5)).toBe(2);
  });
});

const startsAt = new Date("2026-12-10T19:00:00Z");
const base = { wanted: 3, staged: 0, inStudio: 0, expectedOn: "2026-12-05", arrived: false, startsAt };

describe("readiness", () => {
  it("is staged once all are on set, ready once all are in the studio", () => {
    expect(readiness({ ...base, staged: 3, now: startsAt })).toBe("staged");
    expect(readiness({ ...base, inStudio: 2, staged: 1, now: startsAt })).toBe("ready");
  });
  it("waits for a box expected in time, and flags one expected after the start or still missing a day before", () => {
    expect(readiness({ ...base, inStudio: 2, now: new Date("2026-12-01T00:00:00Z") })).toBe("waiting");
    expect(readiness({ ...base, expectedOn: "2026-12-11", now: new Date("2026-12-01T00:00:00Z") })).toBe("at_risk");
    expect(readiness({ ...base, now: new Date("2026-12-09T19:00:00Z") })).toBe("at_risk");
    expect(readiness({ ...base, now: new Date("2026-12-09T18:59:59Z") })).toBe("waiting");
    expect(readiness({ ...base, expectedOn: null, now: new Date("2026-12-01T00:00:00Z") })).toBe("waiting");
  });
  it("flags an item whose box arrived short at once, however early: nothing more is on its way", () => {
    const early = new Date("2026-12-01T00:00:00Z");
    expect(readiness({ ...base, inStudio: 1, arrived: true, now: early })).toBe("at_risk");
    expect(missingUnits({ ...base, inStudio: 1, arrived: true })).toBe(2);
    expect(missingUnits({ ...base, inStudio: 1, staged: 1, arrived: true })).toBe(1);
    // On its way, nothing is missing yet; here in full, nothing is missing at all.
    expect(missingUnits({ ...base, inStudio: 1 })).toBe(0);
    expect(readiness({ ...base, inStudio: 3, arrived: true, now: early })).toBe("ready");
    expect(missingUnits({ ...base, inStudio: 4, arrived: true })).toBe(0);
  });
  it("says what is missing in words, never 'expected in time' for an item that arrived short", () => {
    const items = [
      { sku: "LIP-01", name: "Lipstick", missing: 0 },
      { sku: "PAL-02", name: "Palette", missing: 2 },
    ];
    expect(readinessMeaning("at_risk", items)).toBe(
      "2 × PAL-02 Palette missing: not in the studio, and nothing more is on its way.",
    );
    expect(readinessMeaning("waiting", items.slice(0, 1))).toBe(
      "Some samples have not arrived yet, but are expected in time.",
    );
  });
  it("sums a session up by its worst item", () => {
    expect(overallReadiness([])).toBeNull();
    expect(overallReadiness(["staged", "ready"])).toBe("ready");
    expect(overallReadiness(["staged", "staged"])).toBe("staged");
    expect(overallReadiness(["ready", "waiting"])).toBe("waiting");
    expect(overallReadiness(["waiting", "at_risk", "ready"])).toBe("at_risk");
  });
});
