-- Constraints Drizzle's builder cannot express. They are the last guard: application checks give friendly
-- errors, these make a double booking impossible under any concurrency.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- A room is occupied by held, confirmed and checked-in bookings over [starts_at, blocked_until), where
-- blocked_until includes the turnover buffer after the session.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist (
  "room_id" WITH =,
  tstzrange("starts_at", "blocked_until", '[)') WITH &&
) WHERE ("status" IN ('held', 'confirmed', 'checked_in'));
--> statement-breakpoint
-- One storage unit cannot be reserved twice for the same night.
ALTER TABLE "storage_reservations" ADD CONSTRAINT "storage_reservations_no_overlap" EXCLUDE USING gist (
  "unit_id" WITH =,
  daterange("first_night", "last_night", '[]') WITH &&
) WHERE ("status" IN ('reserved', 'active'));
