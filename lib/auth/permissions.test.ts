import { pgTable, text } from "drizzle-orm/pg-core";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import {
  actsForSelfOnly,
  assignableRoles,
  bookingScope,
  can,
  canBeBookedFor,
  canBookInStudio,
  canManageMember,
  canOperateStudio,
  canReserveStorageIn,
  chargeScope,
  isBrandScoped,
  isStudioScoped,
  ownsAsCreator,
  PERMISSIONS,
  removesAnOwner,
  ROLES,
  seesAllStudios,
  shipmentScope,
  stockScope,
  storageReservationScope,
  webhookScope,
  type Actor,
  type Permission,
  type RowScope,
} from "./permissions";
import { scopeWhere } from "./permissions/scope-sql";

/** One member of each role in workspace "w": staff work in studio "s1", the brand member acts for brand "b1". */
const ACTORS: Record<Role, Actor> = {
  owner: { userId: "u-owner", workspaceId: "w", role: "owner", studioIds: [], brandId: null },
  manager: { userId: "u-manager", workspaceId: "w", role: "manager", studioIds: [], brandId: null },
  staff: { userId: "u-staff", workspaceId: "w", role: "staff", studioIds: ["s1"], brandId: null },
  creator: { userId: "u-creator", workspaceId: "w", role: "creator", studioIds: [], brandId: null },
  brand: { userId: "u-brand", workspaceId: "w", role: "brand", studioIds: [], brandId: "b1" },
};

/** Which roles an actor-level decision is true for, in ROLES order. */
const rolesWhere = (decide: (actor: Actor) => boolean) => ROLES.filter((role) => decide(ACTORS[role]));

/** The grant table as it must stay: changing who holds a permission fails here first. */
const EXPECTED_GRANTS: Record<Permission, Role[]> = {
  "workspace.view": ["owner", "manager", "staff", "creator", "brand"],
  "profile.manage": ["owner", "manager", "staff", "creator", "brand"],
  "tokens.manage": ["owner", "manager", "staff", "creator", "brand"],
  "members.view": ["owner", "manager"],
  "members.invite": ["owner", "manager"],
  "members.manage": ["owner", "manager"],
  "studios.view": ["owner", "manager", "staff", "creator", "brand"],
  "studios.manage": ["owner", "manager"],
  "policies.manage": ["owner", "manager"],
  "rooms.block": ["owner", "manager", "staff"],
  "bookings.view": ["owner", "manager", "staff", "creator"],
  "bookings.create": ["owner", "manager", "staff", "creator"],
  "bookings.act_for_others": ["owner", "manager", "staff"],
  "bookings.cancel": ["owner", "manager", "staff", "creator"],
  "bookings.code": ["owner", "manager", "staff", "creator"],
  "calendar.own_feed": ["creator"],
  "bookings.operate": ["owner", "manager", "staff"],
  "billing.view": ["owner", "manager", "creator"],
  "billing.manage": ["owner", "manager"],
  "billing.view_balance": ["owner", "manager", "staff"],
  "reports.view": ["owner", "manager"],
  "payments.manage": ["owner"],
  "audit.view": ["owner"],
  "shipments.view": ["owner", "manager", "staff", "creator", "brand"],
  "shipments.create": ["owner", "manager", "brand"],
  "inventory.view": ["owner", "manager", "staff", "creator", "brand"],
  "inventory.manage": ["owner", "manager", "staff"],
  "storage.use": ["owner", "manager", "staff", "creator"],
  "storage.board": ["owner", "manager", "staff"],
  "storage.manage": ["owner", "manager"],
  "dashboard.view": ["owner", "manager"],
  "webhooks.manage": ["brand"],
};

describe("permissions: the grant table", () => {
  it("denies anything not granted, including unknown permissions", () => {
    // @ts-expect-error an unknown permission is a type error and, at run time, a denial
    expect(can({ role: "owner" }, "billing.steal")).toBe(false);
  });

  it("grants every permission to exactly the roles listed, and lists every permission", () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED_GRANTS).sort());
    for (const permission of PERMISSIONS) {
      expect({ permission, roles: rolesWhere((a) => can(a, permission)) }).toEqual({
        permission,
        roles: EXPECTED_GRANTS[permission],
      });
    }
  });

  it("lets staff block rooms (in their studios) but not set studios up", () => {
    expect(can(ACTORS.staff, "rooms.block")).toBe(true);
    expect(can(ACTORS.staff, "studios.manage")).toBe(false);
  });

  it("gives only creators a feed of their own bookings", () => {
    expect(rolesWhere((a) => can(a, "calendar.own_feed"))).toEqual(["creator"]);
  });
});

describe("permissions: what a role is tied to, and for whom it acts", () => {
  it("lets owners and managers see every studio", () => {
    expect(rolesWhere(seesAllStudios)).toEqual(["owner", "manager"]);
  });

  it("ties staff to studios and brand members to a brand", () => {
    expect(ROLES.filter(isStudioScoped)).toEqual(["staff"]);
    expect(ROLES.filter(isBrandScoped)).toEqual(["brand"]);
    expect(isStudioScoped("not-a-role")).toBe(false);
  });

  it("has creators act for themselves only", () => {
    expect(rolesWhere(actsForSelfOnly)).toEqual(["creator"]);
  });

  it("counts a row as a creator's own only for that creator", () => {
    expect(ownsAsCreator(ACTORS.creator, { creatorId: "u-creator" })).toBe(true);
    expect(ownsAsCreator(ACTORS.creator, { creatorId: "u-other" })).toBe(false);
    expect(ownsAsCreator(ACTORS.creator, { creatorId: null })).toBe(false);
    for (const role of ["owner", "manager", "staff", "brand"] as const) {
      expect(ownsAsCreator(ACTORS[role], { creatorId: ACTORS[role].userId })).toBe(false);
    }
  });

  it("books, reserves and ships only for creators of the workspace", () => {
    expect(ROLES.filter(canBeBookedFor)).toEqual(["creator"]);
    expect(canBeBookedFor(null)).toBe(false);
    expect(canBeBookedFor(undefined)).toBe(false);
  });

  it("lets only owners create owners and managers", () => {
    expect(assignableRoles({ role: "owner" })).toEqual(["owner", "manager", "staff", "creator", "brand"]);
    expect(assignableRoles({ role: "manager" })).toEqual(["staff", "creator", "brand"]);
    for (const role of ["staff", "creator", "brand"] as const) expect(assignableRoles({ role })).toEqual([]);
    expect(ROLES.filter((target) => canManageMember({ role: "owner" }, target))).toEqual(ROLES);
    expect(ROLES.filter((target) => canManageMember({ role: "manager" }, target))).toEqual([
      "staff",
      "creator",
      "brand",
    ]);
    for (const role of ["staff", "creator", "brand"] as const) {
      expect(ROLES.filter((target) => canManageMember({ role }, target))).toEqual([]);
    }
  });

  it("knows which changes take an owner away (the last owner stays)", () => {
    expect(removesAnOwner("owner", "manager")).toBe(true);
    expect(removesAnOwner("owner", null)).toBe(true);
    expect(removesAnOwner("owner", "owner")).toBe(false);
    expect(removesAnOwner("manager", null)).toBe(false);
    expect(removesAnOwner("staff", "owner")).toBe(false);
  });
});

describe("permissions: studios", () => {
  it("lets staff operate only their studios, owners and managers all, nobody else any", () => {
    expect(rolesWhere((a) => canOperateStudio(a, "s1"))).toEqual(["owner", "manager", "staff"]);
    expect(rolesWhere((a) => canOperateStudio(a, "s2"))).toEqual(["owner", "manager"]);
  });

  it("lets a creator book in any studio, staff in theirs, never a brand", () => {
    expect(rolesWhere((a) => canBookInStudio(a, "s1"))).toEqual(["owner", "manager", "staff", "creator"]);
    expect(rolesWhere((a) => canBookInStudio(a, "s2"))).toEqual(["owner", "manager", "creator"]);
  });

  it("lets a creator reserve storage in any studio, staff in theirs, never a brand", () => {
    expect(rolesWhere((a) => canReserveStorageIn(a, "s1"))).toEqual(["owner", "manager", "staff", "creator"]);
    expect(rolesWhere((a) => canReserveStorageIn(a, "s2"))).toEqual(["owner", "manager", "creator"]);
  });
});

describe("permissions: row scopes", () => {
  const all: RowScope = { rows: "workspace" };
  const none: RowScope = { rows: "none" };
  const studioS1: RowScope = { rows: "studios", studioIds: ["s1"] };
  const ownRows: RowScope = { rows: "creator", creatorId: "u-creator" };
  const brandB1: RowScope = { rows: "brand", brandId: "b1" };
  const scopes = (scope: (actor: Actor) => RowScope) =>
    Object.fromEntries(ROLES.map((role) => [role, scope(ACTORS[role])]));

  it("bookings (and series, waitlist entries): all, staff their studios', a creator their own, brands none", () => {
    expect(scopes(bookingScope)).toEqual({ owner: all, manager: all, staff: studioS1, creator: ownRows, brand: none });
  });

  it("charges and invoices: who manages billing all, a creator their own, staff and brands none", () => {
    expect(scopes(chargeScope)).toEqual({ owner: all, manager: all, staff: none, creator: ownRows, brand: none });
  });

  it("storage reservations: all, staff their studios', a creator their own, brands none", () => {
    expect(scopes(storageReservationScope)).toEqual({
      owner: all,
      manager: all,
      staff: studioS1,
      creator: ownRows,
      brand: none,
    });
  });

  it("shipments and stock: all, staff their studios', a brand its own, a creator theirs", () => {
    const expected = { owner: all, manager: all, staff: studioS1, creator: ownRows, brand: brandB1 };
    expect(scopes(shipmentScope)).toEqual(expected);
    expect(scopes(stockScope)).toEqual(expected);
  });

  it("webhook endpoints: only a brand member's own brand", () => {
    expect(scopes(webhookScope)).toEqual({ owner: none, manager: none, staff: none, creator: none, brand: brandB1 });
  });

  it("shows nothing to staff without studios or a brand member without a brand", () => {
    const lonelyStaff = { ...ACTORS.staff, studioIds: [] };
    const unlinkedBrand = { ...ACTORS.brand, brandId: null };
    for (const scope of [bookingScope, storageReservationScope, shipmentScope, stockScope])
      expect(scope(lonelyStaff)).toEqual(none);
    expect(shipmentScope(unlinkedBrand)).toEqual(none);
    expect(stockScope(unlinkedBrand)).toEqual(none);
    expect(webhookScope(unlinkedBrand)).toEqual(none);
  });
});

describe("scopeWhere", () => {
  const rows = pgTable("rows", {
    workspaceId: text("workspace_id"),
    studioId: text("studio_id"),
    brandId: text("brand_id"),
    creatorId: text("creator_id"),
  });
  const dialect = new PgDialect();
  const where = (
    scope: RowScope,
    columns: Parameters<typeof scopeWhere>[2] = {
      workspace: rows.workspaceId,
      studio: rows.studioId,
      brand: rows.brandId,
      creator: rows.creatorId,
    },
  ) => {
    const { sql, params } = dialect.sqlToQuery(scopeWhere({ workspaceId: "w" }, scope, columns));
    return { sql, params };
  };

  it("always stays within the actor's workspace, then narrows by the scope's column", () => {
    expect(where({ rows: "workspace" })).toEqual({ sql: '"rows"."workspace_id" = $1', params: ["w"] });
    expect(where({ rows: "studios", studioIds: ["s1", "s2"] })).toEqual({
      sql: '("rows"."workspace_id" = $1 and "rows"."studio_id" in ($2, $3))',
      params: ["w", "s1", "s2"],
    });
    expect(where({ rows: "brand", brandId: "b1" })).toEqual({
      sql: '("rows"."workspace_id" = $1 and "rows"."brand_id" = $2)',
      params: ["w", "b1"],
    });
    expect(where({ rows: "creator", creatorId: "u" })).toEqual({
      sql: '("rows"."workspace_id" = $1 and "rows"."creator_id" = $2)',
      params: ["w", "u"],
    });
    expect(where({ rows: "none" })).toEqual({ sql: "false", params: [] });
  });

  it("throws for a scope the domain has no column for (a bug, never a silent widening)", () => {
    expect(() => where({ rows: "brand", brandId: "b1" }, { workspace: rows.workspaceId })).toThrow(/brand/);
  });
});
