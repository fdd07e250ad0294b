import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";
import { users } from "./accounts";
import { storageLocations } from "./samples";
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
    /** The inventory place of the goods stored in the unit (made with the unit). */
    locationId: uuid("location_id").references(() => storageLocations.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
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
    /** The unit's rate when it was reserved: later rate changes do not touch it. */
    nightlyRateCents: integer("nightly_rate_cents").notNull().default(0),
    checkedInAt: ts("checked_in_at"),
    checkedOutAt: ts("checked_out_at"),
    cancelledAt: ts("cancelled_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("storage_reservations_unit_idx").on(t.unitId, t.firstNight),
    check("storage_reservations_range", sql`${t.lastNight} >= ${t.firstNight}`),
  ],
);
