import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";
import { users } from "./accounts";
import { studios } from "./studios";

export const storageUnits = pgTable(
  "storage_units",
  {
    id: id(),
    workspaceId: workspaceId(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    size: text("size").notNull().default("M"),
    nightlyRateCents: integer("nightly_rate_cents").notNull(),
  },
  (t) => [
    uniqueIndex("storage_units_code_uq").on(t.studioId, t.code),
    check("storage_units_rate_nonneg", sql`${t.nightlyRateCents} >= 0`),
  ],
);

/**
 * A unit reserved for the nights [first_night, last_night]. `storage_reservations_no_overlap` (hand-written
 * migration) forbids two active reservations of one unit for the same night.
 */
export const storageReservations = pgTable(
  "storage_reservations",
  {
    id: id(),
    workspaceId: workspaceId(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => storageUnits.id, { onDelete: "restrict" }),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    firstNight: date("first_night").notNull(),
    lastNight: date("last_night").notNull(),
    status: text("status").notNull().default("reserved"), // reserved | active | ended | cancelled
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("storage_reservations_unit_idx").on(t.unitId, t.firstNight),
    check("storage_reservations_range", sql`${t.lastNight} >= ${t.firstNight}`),
  ],
);
