import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";
import { users } from "./accounts";
import { addOns, rooms, studios } from "./studios";

/** Where a waitlist entry stands (a text column: the list is enforced by the type, written once here). */
export const WAITLIST_STATUSES = ["waiting", "offered", "booked", "lapsed", "withdrawn"] as const;

export const bookingStatus = pgEnum("booking_status", [
  "held",
  "confirmed",
  "checked_in",
  "completed",
  "cancelled",
  "no_show",
  "expired",
]);
export type BookingStatus = (typeof bookingStatus.enumValues)[number];

export const bookingSeries = pgTable("booking_series", {
  id: id(),
  workspaceId: workspaceId(),
  roomId: uuid("room_id")
    .notNull()
    .references(() => rooms.id, { onDelete: "cascade" }),
  creatorId: uuid("creator_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  // { weekdays: [2, 4], startTime: "19:00", durationMinutes: 180, weeks: 8, firstDate: "2026-12-01" }
  pattern: jsonb("pattern").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/**
 * A booking occupies its room over [starts_at, blocked_until), where blocked_until = ends_at + the room's
 * turnover buffer at booking time. The exclusion constraint `bookings_no_overlap` (hand-written migration)
 * makes two occupying bookings over one room impossible under any concurrency.
 */
export const bookings = pgTable(
  "bookings",
  {
    id: id(),
    workspaceId: workspaceId(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "restrict" }),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    seriesId: uuid("series_id").references(() => bookingSeries.id, { onDelete: "set null" }),
    code: text("code").notNull(),
    status: bookingStatus("status").notNull(),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    blockedUntil: ts("blocked_until").notNull(),
    holdExpiresAt: ts("hold_expires_at"),
    quote: jsonb("quote").notNull(),
    notes: text("notes").notNull().default(""),
    checkedInAt: ts("checked_in_at"),
    checkedOutAt: ts("checked_out_at"),
    cancelledAt: ts("cancelled_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("bookings_workspace_code_uq").on(t.workspaceId, t.code),
    index("bookings_room_time_idx").on(t.roomId, t.startsAt),
    index("bookings_creator_idx").on(t.creatorId, t.startsAt),
    check("bookings_range", sql`${t.endsAt} > ${t.startsAt} and ${t.blockedUntil} >= ${t.endsAt}`),
  ],
);
export type Booking = typeof bookings.$inferSelect;

export const bookingAddOns = pgTable(
  "booking_add_ons",
  {
    id: id(),
    workspaceId: workspaceId(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    addOnId: uuid("add_on_id")
      .notNull()
      .references(() => addOns.id, { onDelete: "restrict" }),
    quantity: smallint("quantity").notNull().default(1),
    amountCents: integer("amount_cents").notNull(),
  },
  (t) => [uniqueIndex("booking_add_ons_uq").on(t.bookingId, t.addOnId)],
);

export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: id(),
    workspaceId: workspaceId(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    status: text("status", { enum: WAITLIST_STATUSES }).notNull().default("waiting"),
    offeredBookingId: uuid("offered_booking_id").references(() => bookings.id, { onDelete: "set null" }),
    position: integer("position").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("waitlist_room_idx").on(t.roomId, t.startsAt)],
);

/**
 * Private iCal feed URLs: a creator's own bookings, or one studio's (for staff). Only a hash of the secret in
 * the URL is stored; revoking one makes its URL answer 404.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: id(),
    workspaceId: workspaceId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    studioId: uuid("studio_id").references(() => studios.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: ts("created_at").notNull().defaultNow(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("calendar_feeds_user_idx").on(t.workspaceId, t.userId)],
);
