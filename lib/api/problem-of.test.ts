import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOMAIN_ERRORS, ERROR_KINDS, isErrorCode, kindOf, type ErrorCode } from "@/kernel/errors";
import { refusalMessage } from "../actions/refusal";
import { fail } from "../result";
import { problemOf, statusOf } from "./problem-of";

/** Every `fail("code"` and `error: "code"` written in lib/ (tests excepted). */
function codesWrittenInLib(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        const text = readFileSync(path, "utf8");
        for (const m of text.matchAll(/\bfail\(\s*"([a-z_]+)"|ok: false, error: "([a-z_]+)"/g)) codes.add(m[1] ?? m[2]);
      }
    }
  };
  walk(join(__dirname, ".."));
  return codes;
}

const ALL: ErrorCode[] = [...ERROR_KINDS, ...(Object.keys(DOMAIN_ERRORS) as ErrorCode[])];

describe("the error vocabulary", () => {
  it("declares every code a use case returns (a new code without a kind fails here, and does not compile)", () => {
    const written = codesWrittenInLib();
    expect(written.size).toBeGreaterThan(40); // the scan finds the use cases' codes
    const undeclared = [...written].filter((code) => !isErrorCode(code));
    expect(undeclared).toEqual([]);
  });

  it("gives every code a kernel kind, an HTTP status and words for a form", () => {
    for (const code of ALL) {
      expect(ERROR_KINDS, code).toContain(kindOf(code));
      expect(statusOf(code), code).toBeGreaterThanOrEqual(400);
      expect(refusalMessage(fail(code), { fallback: "It was not done." }), code).toBeTruthy();
    }
  });

  it("keeps the API's answers: kinds 404/403/400/409/422, and the few codes HTTP says better", () => {
    expect(ALL.map((code) => [code, statusOf(code)]).filter(([, status]) => status !== 422)).toEqual(
      expect.arrayContaining([
        ["not_found", 404],
        ["forbidden", 403],
        ["invalid", 400],
        ["conflict", 409],
        ["slot_taken", 409],
        ["series_conflict", 409],
        ["slot_free", 409],
        ["unauthenticated", 401],
        ["bad_signature", 400],
        ["sync_failed", 500],
      ]),
    );
    // The refusals of the bookings, charges and shipments routes that answered 422 before the vocabulary still do.
    for (const code of [
      "rule",
      "wrong_status",
      "too_early",
      "wrong_day",
      "room_inactive",
      "not_held",
      "hold_expired",
      "not_cancellable",
      "not_waiting",
      "payment_overdue",
      "card_required",
      "not_voidable",
      "not_creditable",
    ] as const)
      expect(statusOf(code), code).toBe(422);
  });

  it("answers problem+json with the code, the fields, the taken range and the rule", async () => {
    const invalid = await problemOf(fail("invalid", { fieldErrors: { name: ["Required"] } }), "charge").json();
    expect(invalid).toMatchObject({ status: 400, type: "https://livebase.dev/problems/validation" });
    expect(invalid.errors).toEqual([{ field: "name", message: "Required" }]);

    const missing = await problemOf(fail("not_found"), "charge").json();
    expect(missing).toMatchObject({ status: 404, detail: "No such charge." });

    const conflict = { startsAt: "2026-12-01T10:00:00Z", endsAt: "2026-12-01T11:00:00Z" };
    const taken = await problemOf({ ...fail("slot_taken"), conflict }, "booking").json();
    expect(taken).toMatchObject({ status: 409, type: "https://livebase.dev/problems/slot_taken", conflict });

    const rule = await problemOf({ ...fail("rule", { message: "Too soon." }), rule: "min_notice" }, "booking").json();
    expect(rule).toMatchObject({
      status: 422,
      type: "https://livebase.dev/problems/rule_min_notice",
      rule: "min_notice",
    });
  });
});
