import { describe, expect, it } from "vitest";
import { assignableRoles, can, canManageMember, canOperateStudio, PERMISSIONS, ROLES } from "./permissions";

describe("permissions", () => {
  it("denies anything not granted, including unknown permissions", () => {
    // @ts-expect-error an unknown permission is a type error and, at run time, a denial
    expect(can({ role: "owner" }, "billing.steal")).toBe(false);
  });

  it("lets only owners and managers see and manage members", () => {
    const allowed = ROLES.filter((role) => can({ role }, "members.manage"));
    expect(allowed).toEqual(["owner", "manager"]);
  });

  it("gives every role its own workspace view, profile and tokens", () => {
    for (const role of ROLES) {
      expect(can({ role }, "workspace.view")).toBe(true);
      expect(can({ role }, "tokens.manage")).toBe(true);
    }
    expect(PERMISSIONS.length).toBeGreaterThan(5);
  });

  it("scopes staff to their studios", () => {
    expect(canOperateStudio({ role: "staff", studioIds: ["a"] }, "a")).toBe(true);
    expect(canOperateStudio({ role: "staff", studioIds: ["a"] }, "b")).toBe(false);
    expect(canOperateStudio({ role: "manager", studioIds: [] }, "b")).toBe(true);
    expect(canOperateStudio({ role: "creator", studioIds: ["a"] }, "a")).toBe(false);
  });

  it("lets only owners create owners and managers", () => {
    expect(assignableRoles({ role: "owner" })).toContain("owner");
    expect(assignableRoles({ role: "manager" })).toEqual(["staff", "creator", "brand"]);
    expect(assignableRoles({ role: "staff" })).toEqual([]);
    expect(canManageMember({ role: "manager" }, "owner")).toBe(false);
    expect(canManageMember({ role: "manager" }, "manager")).toBe(false);
    expect(canManageMember({ role: "manager" }, "creator")).toBe(true);
  });
});
