import { describe, expect, it } from "vitest";
import { parseItemsCsv } from "./csv-items";

describe("parseItemsCsv", () => {
  it("reads items with the columns in any order, quotes, a BOM and an optional declared value", () => {
    const r = parseItemsCsv(
      '\uFEFFquantity,SKU,Name,declared_value\n3,LIP-01,"Lipstick, red",12.50\n1,PAL-02,Palette,\n',
      "USD",
    );
    expect(r).toEqual({
      ok: true,
      items: [
        { sku: "LIP-01", name: "Lipstick, red", quantity: 3, declaredValue: 12.5 },
        { sku: "PAL-02", name: "Palette", quantity: 1 },
      ],
    });
  });

  it("reports every bad line by number and imports nothing", () => {
    const r = parseItemsCsv(
      "sku,name,quantity\nA-1,Good,2\n,No sku,1\nB-2,Negative,-4\nC-3,Absurd,999999\nA-1,Twice,1\nD-4,Fraction,1.5\n",
      "USD",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.errors[0].message).toContain("SKU: Enter the SKU");
    expect(r.errors[1].message).toContain("Quantity: At least 1");
    expect(r.errors[2].message).toContain("Quantity: At most 10,000");
    expect(r.errors[3].message).toContain("already on line 2");
    expect(r.errors[4].message).toContain("Quantity: Use a whole number");
  });

  it("names each column as a person reads it, never by the field's code name", () => {
    const r = parseItemsCsv(
      "sku,name,declared_value,quantity\nA-1,Serum,12.50,1\nA-1,Serum again,1,1\nB-2,Mask,lots,1\n",
      "USD",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toEqual({ line: 3, message: "SKU: A-1 is already on line 2" });
    expect(r.errors[1].message).toMatch(/^Declared value: /);
    for (const e of r.errors) expect(e.message).not.toMatch(/declaredValue|\bsku\b|\bquantity\b/);
  });

  it("takes declared values with the workspace currency's decimals: whole yen in JPY, cents in USD", () => {
    const csv = "sku,name,quantity,value\nA-1,Serum,2,12000\nB-2,Mask,1,500.5\n";
    expect(parseItemsCsv(csv, "USD")).toMatchObject({ ok: true });
    expect(parseItemsCsv(csv, "JPY")).toEqual({
      ok: false,
      errors: [{ line: 3, message: "Declared value: JPY has no decimals: enter a whole amount like 6500" }],
    });
    expect(parseItemsCsv("sku,name,quantity,value\nA-1,Serum,2,19.999\n", "USD")).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: "Declared value: Use at most 2 decimals in USD, like 65.00" }],
    });
  });

  it("refuses a file without the needed columns, an empty file and a broken one", () => {
    expect(parseItemsCsv("sku,title\nA,B", "USD")).toMatchObject({
      ok: false,
      errors: [{ line: 1, message: expect.stringContaining("missing: name, quantity") }],
    });
    expect(parseItemsCsv("", "USD")).toMatchObject({ ok: false, errors: [{ message: "The file is empty." }] });
    expect(parseItemsCsv('sku,name,quantity\n"A,B,1\n', "USD")).toMatchObject({ ok: false });
    expect(parseItemsCsv("sku,name,quantity\n", "USD")).toMatchObject({
      ok: false,
      errors: [{ message: "The file has no items." }],
    });
  });
});
