import { describe, expect, it } from "vitest";
import {
  describeDiscrepancy,
  hasBeenCounted,
  receiveFieldStart,
  shipmentCounts,
  shipmentDiscrepancies,
} from "./shipment-counts";

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
