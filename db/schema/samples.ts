import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";
import { brands, users } from "./accounts";
import { bookings } from "./bookings";
import { studios } from "./studios";

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
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "restrict" }),
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
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shipments_workspace_code_uq").on(t.workspaceId, t.code),
    index("shipments_tracking_idx").on(t.workspaceId, t.trackingNumber),
  ],
);

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
    check("shipment_items_qty", sql`${t.quantityExpected} > 0 and ${t.quantityReceived} >= 0 and ${t.quantityDamaged} >= 0`),
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
    kind: text("kind").notNull().default("bin"),
  },
  (t) => [uniqueIndex("storage_locations_code_uq").on(t.studioId, t.code)],
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
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("inventory_items_studio_idx").on(t.studioId),
    check("inventory_items_on_hand_nonneg", sql`${t.onHand} >= 0`),
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
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("inventory_movements_item_idx").on(t.inventoryItemId, t.createdAt)],
);
