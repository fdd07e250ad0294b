/**
 * Weekly opening hours in the studio's local time. `weekday` 0 = Sunday .. 6 = Saturday; `opens`/`closes` are
 * "HH:MM". A range whose `closes` <= `opens` passes midnight and ends on the next local day; `opens` === `closes`
 * means open 24 hours (until the same time the next day). Several ranges per weekday are allowed; a weekday with
 * no range is closed.
 */
export type OpeningHours = { weekday: number; opens: string; closes: string }[];

/**
 * Local dates "YYYY-MM-DD", both inclusive. An opening range that starts on a closed date is not usable; a range
 * that started the day before and runs past midnight into a closed date stays usable (the closure is about the
 * business day the range belongs to, which is the day it opened).
 */
export type Closure = { startsOn: string; endsOn: string };

export type RoomRules = { stepMinutes: number; minMinutes: number; maxMinutes: number; bufferMinutes: number };

export type BookingPolicy = { minNoticeMinutes: number; bookingWindowDays: number };

/** Instants, half-open: [start, end). */
export type Interval = { start: Date; end: Date };

export type AvailabilityInput = {
  /** IANA zone of the studio, e.g. "America/Los_Angeles". */
  timeZone: string;
  openingHours: OpeningHours;
  closures: Closure[];
  room: RoomRules;
  policy: BookingPolicy;
  /** Times the room is occupied: other bookings [starts_at, blocked_until) (buffer included) and blocks. */
  busy: Interval[];
  now: Date;
};

/** The rules a slot must pass, in the order checkSlot tests them. */
export type SlotRule = "duration" | "step" | "opening_hours" | "closed" | "notice" | "window" | "overlap";

export type SlotCheck = { ok: true } | { ok: false; rule: SlotRule; message: string };
