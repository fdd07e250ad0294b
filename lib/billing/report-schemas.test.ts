import { describe, expect, it } from "vitest";
import {
  defaultReportRange,
  monthsOf,
  reportExportSchema,
  reportQuerySchema,
  reportRangeSchema,
} from "./report-schemas";

const errors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("reportRangeSchema", () => {
  it("accepts a range of up to 24 months, both ends inclusive", () => {
    expect(reportRangeSchema.safeParse({ from: "2026-01", to: "2026-01" }).success).toBe(true);
    expect(reportRangeSchema.safeParse({ from: "2025-01", to: "2026-12" }).success).toBe(true);
  });

  it("refuses 25 months, naming the last month", () => {
    expect(errors(reportRangeSchema.safeParse({ from: "2025-01", to: "2027-01" }))).toEqual({
      to: "Choose at most 24 months.",
    });
  });

  it("refuses a range that ends before it starts", () => {
    expect(errors(reportRangeSchema.safeParse({ from: "2026-05", to: "2026-04" }))).toEqual({
      to: "The last month must not be before the first month.",
    });
  });

  it.each([["2026-13"], ["2026-1"], ["26-01"], ["2026-01-01"], [""], [undefined]])(
    "refuses a month that is not YYYY-MM: %j",
    (from) => {
      expect(errors(reportRangeSchema.safeParse({ from, to: "2026-02" }))).toEqual({
        from: "Enter a month as YYYY-MM, e.g. 2026-11.",
      });
    },
  );

  it("checks the same range in the API query and the export", () => {
    expect(errors(reportQuerySchema.safeParse({ from: "2026-05", to: "2026-04", format: "csv" }))).toHaveProperty("to");
    expect(errors(reportQuerySchema.safeParse({ from: "2026-01", to: "2026-04", format: "xml" }))).toHaveProperty(
      "format",
    );
    expect(errors(reportExportSchema.safeParse({ from: "2026-01", to: "2026-04", report: "payroll" }))).toHaveProperty(
      "report",
    );
    expect(reportExportSchema.safeParse({ from: "2026-01", to: "2026-04", report: "utilization" }).success).toBe(true);
  });
});

describe("months", () => {
  it("lists every month of a range across a year end", () => {
    expect(monthsOf({ from: "2025-11", to: "2026-02" })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("opens on the twelve months up to the current one", () => {
    expect(defaultReportRange(new Date("2026-03-15T12:00:00Z"))).toEqual({ from: "2025-04", to: "2026-03" });
    expect(reportRangeSchema.safeParse(defaultReportRange(new Date("2026-03-15T12:00:00Z"))).success).toBe(true);
  });
});
