import { describe, expect, it } from "vitest";
import { currencyDigits, formatMoney, formatMoneyChange, moneyStep, toMinorUnits } from "./money";

describe("amounts in major units → minor units of their currency", () => {
  it("goes through the decimal form, so a JSON number never drifts", () => {
    expect(toMinorUnits(19.99, "USD")).toEqual({ ok: true, minor: 1999 });
    expect(toMinorUnits(1.15, "USD")).toEqual({ ok: true, minor: 115 });
    expect(toMinorUnits(0.1 + 0.2, "USD")).toMatchObject({ ok: false }); // 0.30000000000000004 is not an amount of cents
    expect(toMinorUnits("1,250.50", "EUR")).toEqual({ ok: true, minor: 125050 });
    expect(toMinorUnits(1.234, "KWD")).toEqual({ ok: true, minor: 1234 }); // three decimals
  });

  it("keeps JPY whole: ¥500 is 500, ¥500.5 is refused with a message to show", () => {
    expect(currencyDigits("JPY")).toBe(0);
    expect(toMinorUnits(500, "JPY")).toEqual({ ok: true, minor: 500 });
    expect(toMinorUnits("12000", "JPY")).toEqual({ ok: true, minor: 12000 });
    expect(toMinorUnits(500.5, "JPY")).toEqual({
      ok: false,
      message: "JPY has no decimals: enter a whole amount like 6500",
    });
    expect(toMinorUnits(12.345, "USD")).toEqual({ ok: false, message: "Use at most 2 decimals in USD, like 65.00" });
  });

  it("refuses what is not a plain non-negative amount", () => {
    for (const bad of [-5, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7, "", "abc", "1e3"])
      expect(toMinorUnits(bad, "USD"), String(bad)).toMatchObject({ ok: false });
  });
});

describe("amounts people read", () => {
  it("are formatted with the currency's own decimals", () => {
    expect(formatMoney(500, "JPY")).toBe("¥500");
    expect(formatMoney(1250, "USD")).toBe("$12.50");
    expect(formatMoney(-1250, "EUR")).toBe("-€12.50");
    expect(moneyStep("JPY")).toBe("1");
    expect(moneyStep("USD")).toBe("0.01");
    expect(moneyStep("KWD")).toBe("0.001");
  });

  it("say a change of price as more, less or the same", () => {
    expect(formatMoneyChange(120, "JPY")).toBe("¥120 more");
    expect(formatMoneyChange(-6000, "USD")).toBe("$60.00 less");
    expect(formatMoneyChange(0, "USD")).toBe("Same price");
  });
});
