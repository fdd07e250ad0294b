import { describe, expect, it } from "vitest";
import { normalRate, taxLabel, taxOf, taxOnNet, taxSettingsOf } from "./tax";

const ca = { name: "CA sales tax", ratePercent: "9.5", inclusive: false };
const vat = { name: "VAT", ratePercent: "6", inclusive: true };

describe("tax in minor units, rounded half up once", () => {
  it("adds exclusive tax on top: $150.00 at 9.5 % is $14.25; $100.05 at 9.5 % is 950.475 cents → $9.50", () => {
    expect(taxOf(15_000, ca)).toBe(1425);
    expect(taxOf(10_005, ca)).toBe(950);
    expect(taxOf(10_010, ca)).toBe(951); // 950.95 → 951
    expect(taxOf(1, { ...ca, ratePercent: "50" })).toBe(1); // 0.5 cent rounds half up
    expect(taxOf(0, ca)).toBe(0);
  });

  it("rounds to the currency's minor unit: whole yen in JPY (¥1,005 at 9.5 % is ¥95.475 → ¥95; ¥1,010 → ¥96)", () => {
    // Amounts are minor units, so a yen amount is already whole: the same integer rounding gives whole yen.
    expect(taxOf(1005, ca)).toBe(95);
    expect(taxOf(1010, ca)).toBe(96);
    expect(taxOf(6000, { name: "JCT", ratePercent: "10", inclusive: true })).toBe(545); // ¥6,000 incl. 10 %: 545.45 → 545
  });

  it("carves inclusive tax out of the gross: ¥300.00 incl. VAT 6 % holds ¥16.98 of tax (30000 × 6 / 106 = 1698.11)", () => {
    expect(taxOf(30_000, vat)).toBe(1698);
    expect(taxOf(60_000, vat)).toBe(3396); // 3396.23
    expect(taxOf(10_600, vat)).toBe(600); // exactly 100.00 net + 6.00 tax
    expect(taxOf(12_000, { name: "VAT", ratePercent: "20", inclusive: true })).toBe(2000);
  });

  it("takes rates with up to 3 decimals exactly: 8.875 % of $200.00 is $17.75", () => {
    expect(taxOf(20_000, { ...ca, ratePercent: "8.875" })).toBe(1775);
    expect(taxOf(20_000, { ...ca, ratePercent: "8.875", inclusive: true })).toBe(1630); // 20000 × 8875 / 108875 = 1630.31
  });

  it("taxes a net amount the same in both modes (credits, voids)", () => {
    expect(taxOnNet(2000, "9.5")).toBe(190);
    expect(taxOnNet(28_302, "6")).toBe(1698); // the net of ¥300.00 incl. 6 % gives back its tax
  });
});

describe("tax settings", () => {
  it("read a studio's columns, none meaning no tax", () => {
    expect(taxSettingsOf({ taxMode: "none", taxRate: "0.000", taxName: "" })).toBeNull();
    expect(taxSettingsOf({ taxMode: "exclusive", taxRate: "9.500", taxName: "CA sales tax" })).toEqual(ca);
    expect(taxSettingsOf({ taxMode: "inclusive", taxRate: "6.000", taxName: "VAT" })).toEqual(vat);
  });

  it("name a line as people read it", () => {
    expect(taxLabel(ca)).toBe("CA sales tax 9.5 %");
    expect(taxLabel(vat)).toBe("VAT 6 % (included)");
    expect(normalRate("20.000")).toBe("20");
    expect(normalRate("8.875")).toBe("8.875");
  });
});
