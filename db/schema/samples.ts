import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";
import { brands, users } from "./accounts";
import { bookings } from "./bookings";
import { rooms, studios } from "./studios";

export const leftoverAction = pgEnum("leftover_action", ["return_to_brand", "give_to_creator", "dispose"]);
export const shipmentStatus = pgEnum("shipment_status", [
  "announced",
  "in_transit",
  "partially_received",
  "received",
  "closed",
]);

export const shipments = pgTable(
  "shipments",
  {
    id: id(),
    workspaceId: workspaceId(),
    // Null only for an unexpected box logged at the desk whose sender is not known yet.
    brandId: uuid("brand_id").references(() => brands.id, { onDelete: "restrict" }),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "restrict" }),
    creatorId: uuid("creator_id").references(() => users.id, { onDelete: "set null" }),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    code: text("code").notNull(),
    status: shipmentStatus("status").notNull().default("announced"),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    expectedOn: date("expected_on"),
    leftoverAction: leftoverAction("leftover_action").notNull().default("return_to_brand"),
    leftoverAfterDays: smallint("leftover_after_days").notNull().default(7),
    notes: text("notes").notNull().default(""),
    /** Logged at the receiving desk: a box nobody announced. */
    unexpected: boolean("unexpected").notNull().default(false),
    /** Bumped by every receipt: a receipt made from an outdated view of the shipment is refused, never added twice. */
    version: integer("version").notNull().default(0),
    /** When the leftovers were dealt with (the shipment leaves the leftovers queue). */
    leftoversDoneAt: ts("leftovers_done_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shipments_workspace_code_uq").on(t.workspaceId, t.code),
    index("shipments_tracking_idx").on(t.workspaceId, t.trackingNumber),
    index("shipments_brand_idx").on(t.workspaceId, t.brandId, t.createdAt),
    check("shipments_leftover_days", sql`${t.leftoverAfterDays} between 0 and 365`),
  ],
);

/** The timeline of a shipment: every event, in order, with who did it. Append-only. */
export const shipmentEvents = pgTable(
  "shipment_events",
  {
    id: id(),
    workspaceId: workspaceId(),
    shipmentId: uuid("shipment_id")
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    // created | received | discrepancy | stored | moved | staged | returned_to_shelf | linked | leftovers_due | returned_to_brand | transferred_to_creator | disposed | adjusted | note
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    data: jsonb("data")
      .notNull()
      .default(sql`'{}'::jsonb`),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("shipment_events_shipment_idx").on(t.shipmentId, t.createdAt)],
);

/** One receipt at the desk; its id comes from the form, so a double submit is one receipt. */
export const shipmentReceipts = pgTable("shipment_receipts", {
  id: uuid("id").primaryKey(),
  workspaceId: workspaceId(),
  shipmentId: uuid("shipment_id")
    .notNull()
    .references(() => shipments.id, { onDelete: "cascade" }),
  // [{ shipmentItemId, received, damaged, locationId }]
  lines: jsonb("lines").notNull(),
  actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const shipmentItems = pgTable(
  "shipment_items",
  {
    id: id(),
    workspaceId: workspaceId(),
    shipmentId: uuid("shipment_id")
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    quantityExpected: integer("quantity_expected").notNull(),
    quantityReceived: integer("quantity_received").notNull().default(0),
    quantityDamaged: integer("quantity_damaged").notNull().default(0),
    declaredValueCents: integer("declared_value_cents"),
  },
  (t) => [
    uniqueIndex("shipment_items_sku_uq").on(t.shipmentId, t.sku),
    // quantity_expected 0: an item found in a box that did not list it (an over-delivery of a new SKU).
    check(
      "shipment_items_qty",
      sql`${t.quantityExpected} >= 0 and ${t.quantityExpected} <= 100000 and ${t.quantityReceived} >= 0 and ${t.quantityDamaged} >= 0 and ${t.quantityDamaged} <= ${t.quantityReceived}`,
    ),
  ],
);

export const storageLocations = pgTable(
  "storage_locations",
  {
    id: id(),
    workspaceId: workspaceId(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    kind: text("kind").notNull().default("bin"), // bin | shelf | room (a set, while samples are staged on it)
    roomId: uuid("room_id").references(() => rooms.id, { onDelete: "cascade" }),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    uniqueIndex("storage_locations_code_uq").on(t.studioId, t.code),
    uniqueIndex("storage_locations_room_uq").on(t.roomId),
  ],
);

/** On-hand stock of one SKU at one place for one owner; changed only with the movement that explains it. */
export const inventoryItems = pgTable(
  "inventory_items",
  {
    id: id(),
    workspaceId: workspaceId(),
    studioId: uuid("studio_id")
      .notNull()
      .references(() => studios.id, { onDelete: "restrict" }),
    shipmentItemId: uuid("shipment_item_id").references(() => shipmentItems.id, { onDelete: "set null" }),
    locationId: uuid("location_id").references(() => storageLocations.id, { onDelete: "set null" }),
    ownerBrandId: uuid("owner_brand_id").references(() => brands.id, { onDelete: "restrict" }),
    ownerCreatorId: uuid("owner_creator_id").references(() => users.id, { onDelete: "restrict" }),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    onHand: integer("on_hand").notNull().default(0),
    /** Of on_hand, how many arrived damaged. */
    damaged: integer("damaged").notNull().default(0),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("inventory_items_studio_idx").on(t.studioId),
    // One row per shipment item, place and owner: stock moves between rows, each change a movement.
    unique("inventory_items_place_uq")
      .on(t.shipmentItemId, t.sku, t.locationId, t.ownerBrandId, t.ownerCreatorId)
      .nullsNotDistinct(),
    check(
      "inventory_items_on_hand_nonneg",
      sql`${t.onHand} >= 0 and ${t.damaged} >= 0 and ${t.damaged} <= ${t.onHand}`,
    ),
  ],
);

/** Samples meant for a session: assigned by staff (or by the brand through the shipment's booking). */
export const bookingSamples = pgTable(
  "booking_samples",
  {
    id: id(),
    workspaceId: workspaceId(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    shipmentItemId: uuid("shipment_item_id")
      .notNull()
      .references(() => shipmentItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    assignedBy: uuid("assigned_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("booking_samples_uq").on(t.bookingId, t.shipmentItemId),
    check("booking_samples_qty", sql`${t.quantity} > 0`),
  ],
);

export const movementKind = pgEnum("movement_kind", [
  "received",
  "moved",
  "staged",
  "returned_to_shelf",
  "returned_to_brand",
  "transferred_to_creator",
  "disposed",
  "adjusted",
  // A creator's own goods put into, and taken out of, an overnight storage unit.
  "stored",
  "collected",
]);

/** Append-only ledger: never updated or deleted. */
export const inventoryMovements = pgTable(
  "inventory_movements",
  {
    id: id(),
    workspaceId: workspaceId(),
    inventoryItemId: uuid("inventory_item_id")
      .notNull()
      .references(() => inventoryItems.id, { onDelete: "restrict" }),
    kind: movementKind("kind").notNull(),
    quantityDelta: integer("quantity_delta").notNull(),
    fromLocationId: uuid("from_location_id").references(() => storageLocations.id, { onDelete: "set null" }),
    toLocationId: uuid("to_location_id").references(() => storageLocations.id, { onDelete: "set null" }),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    /** The two movements of one move (out of one place, into another) share it. */
    transferId: uuid("transfer_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("inventory_movements_item_idx").on(t.inventoryItemId, t.createdAt),
    check("inventory_movements_nonzero", sql`${t.quantityDelta} <> 0`),
  ],
);
