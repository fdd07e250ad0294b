import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  time,
  uuid,
} from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";

/**
 * Weekly opening hours in the studio's local time. `weekday` 0 = Sunday. A range may pass midnight
 * (`closes` <= `opens` means it ends the next day); opens == closes means open 24 hours.
 */
export type OpeningHours = { weekday: number; opens: string; closes: string }[];

/** How a studio's prices treat tax: none, prices exclude it (added on top), or prices include it (carved out). */
export const taxMode = pgEnum("tax_mode", ["none", "exclusive", "inclusive"]);
export type TaxMode = (typeof taxMode.enumValues)[number];
/** Where a studio's tax rate comes from: the operator types it, or Stripe Tax gives it for the studio's address. */
export const taxSource = pgEnum("tax_source", ["studio", "stripe"]);
export type TaxSource = (typeof taxSource.enumValues)[number];
/** A postal address as Stripe Tax reads it (country: ISO 3166-1 alpha-2; state: "CA", a province or a region). */
export type TaxAddress = { line1: string; city: string; state: string; postalCode: string; country: string };

export const studios = pgTable(
  "studios",
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    timeZone: text("time_zone").notNull(),
    openingHours: jsonb("opening_hours")
      .$type<OpeningHours>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /**
     * ISO 4217: rooms, add-ons, peak rates, storage units and fees of the studio are priced in it. No default on
     * purpose: a new studio takes its workspace's currency (createStudio), the migration backfilled the same.
     */
    currency: text("currency").notNull(),
    taxMode: taxMode("tax_mode").notNull().default("none"),
    /** Percent with up to 3 decimals (9.5, 20, 8.875); Postgres numeric arrives as a string. */
    taxRate: numeric("tax_rate", { precision: 6, scale: 3 }).notNull().default("0"),
    /** What invoices call it: "CA sales tax", "VAT". */
    taxName: text("tax_name").notNull().default(""),
    /**
     * `stripe`: the rate and name above are the ones Stripe Tax last gave for `taxAddress` (the place the service is
     * performed), asked when the studio is saved and again every day; a rate of 0 means Stripe Tax does not collect
     * there (no registration). `taxCheckedAt` is its last answer, `taxCheckError` why the last ask failed, if it did.
     */
    taxSource: taxSource("tax_source").notNull().default("studio"),
    taxAddress: jsonb("tax_address").$type<TaxAddress>(),
    taxCheckedAt: ts("tax_checked_at"),
    taxCheckError: text("tax_check_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("studios_workspace_idx").on(t.workspaceId),
    check("studios_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check(
      "studios_tax",
      sql`${t.taxMode} = 'none' or ${t.taxSource} = 'stripe' or (${t.taxRate} > 0 and ${t.taxRate} <= 100 and ${t.taxName} <> '')`,
    ),
    check(
      "studios_stripe_tax",
      sql`${t.taxSource} = 'studio' or (${t.taxMode} <> 'none' and ${t.taxAddress} is not null)`,
    ),
  ],
);
export type Studio = typeof studios.$inferSelect;

export const studioClosures = pgTable(
  "studio_closures",
  {
    id: id(),
    workspaceId: workspaceId(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    startsOn: text("starts_on").notNull(), // local date YYYY-MM-DD
    endsOn: text("ends_on").notNull(), // inclusive
    reason: text("reason").notNull().default(""),
  },
  (t) => [index("studio_closures_studio_idx").on(t.studioId)],
);

export const rooms = pgTable(
  "rooms",
  {
    id: id(),
    workspaceId: workspaceId(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind").notNull().default("set"),
    capacity: smallint("capacity").notNull().default(2),
    features: text("features")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    photos: text("photos")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    hourlyRateCents: integer("hourly_rate_cents").notNull(),
    stepMinutes: smallint("step_minutes").notNull().default(30),
    minMinutes: smallint("min_minutes").notNull().default(60),
    maxMinutes: smallint("max_minutes").notNull().default(480),
    bufferMinutes: smallint("buffer_minutes").notNull().default(15),
    active: boolean("active").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("rooms_studio_idx").on(t.studioId),
    check("rooms_rate_nonneg", sql`${t.hourlyRateCents} >= 0`),
    check("rooms_step", sql`${t.stepMinutes} in (15, 30, 60)`),
    check("rooms_durations", sql`${t.minMinutes} > 0 and ${t.maxMinutes} >= ${t.minMinutes}`),
    check("rooms_buffer_nonneg", sql`${t.bufferMinutes} >= 0`),
  ],
);
export type Room = typeof rooms.$inferSelect;

/** Maintenance or staff blocks: the room cannot be booked in [starts_at, ends_at). */
export const roomBlocks = pgTable(
  "room_blocks",
  {
    id: id(),
    workspaceId: workspaceId(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    reason: text("reason").notNull().default(""),
  },
  (t) => [
    index("room_blocks_room_idx").on(t.roomId, t.startsAt),
    check("room_blocks_range", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Peak pricing: on `weekday`, local [starts, ends) costs `rate_cents` per hour or the room rate × `multiplier`. */
export const pricingRules = pgTable(
  "pricing_rules",
  {
    id: id(),
    workspaceId: workspaceId(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    name: text("name").notNull().default("Peak"),
    weekday: smallint("weekday").notNull(),
    startsAt: time("starts_at").notNull(),
    endsAt: time("ends_at").notNull(),
    rateCents: integer("rate_cents"),
    multiplier: numeric("multiplier", { precision: 5, scale: 2 }),
  },
  (t) => [
    index("pricing_rules_room_idx").on(t.roomId),
    check("pricing_rules_weekday", sql`${t.weekday} between 0 and 6`),
    check("pricing_rules_one_price", sql`(${t.rateCents} is null) <> (${t.multiplier} is null)`),
  ],
);

export const addOnPricing = pgEnum("add_on_pricing", ["flat", "per_hour"]);

export const addOns = pgTable(
  "add_ons",
  {
    id: id(),
    workspaceId: workspaceId(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    pricing: addOnPricing("pricing").notNull(),
    priceCents: integer("price_cents").notNull(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [index("add_ons_studio_idx").on(t.studioId), check("add_ons_price_nonneg", sql`${t.priceCents} >= 0`)],
);

/** Raw bytes: a Buffer on the wire (postgres-js), a Uint8Array to the code. */
const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * Photos uploaded for a room (linked ones stay in rooms.photos). The bytes live in the row, or, when the
 * deployment has an S3-compatible bucket, in the bucket under `object_key`: exactly one of the two.
 * Only the types a browser shows safely as an image are kept (never SVG, which can carry script).
 */
export const ROOM_PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const ROOM_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const roomPhotos = pgTable(
  "room_photos",
  {
    id: id(),
    workspaceId: workspaceId(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    bytes: bytea("bytes"),
    objectKey: text("object_key"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("room_photos_room_idx").on(t.roomId, t.createdAt),
    check("room_photos_one_home", sql`(${t.bytes} is null) <> (${t.objectKey} is null)`),
    check("room_photos_type", sql`${t.contentType} in ('image/jpeg', 'image/png', 'image/webp')`),
    check("room_photos_size", sql`${t.sizeBytes} > 0 and ${t.sizeBytes} <= ${sql.raw(String(ROOM_PHOTO_MAX_BYTES))}`),
  ],
);
export type RoomPhoto = typeof roomPhotos.$inferSelect;
