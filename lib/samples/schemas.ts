import { z } from "zod";
import { isoDate, str } from "../input";
import {
  leftoverAction,
  shipmentStatus,
  type inventoryItems,
  type shipmentEvents,
  type shipmentItems,
  type shipments,
  type storageLocations,
} from "@/db/schema";
import { DISCREPANCY_KINDS, shipmentDiscrepancies } from "./rules";

const MAX_QUANTITY = 10_000;

export const skuSchema = str({ error: "Enter the SKU" })
  .trim()
  .min(1, "Enter the SKU")
  .max(64, "At most 64 characters")
  .regex(/^[\w.\-/ #]+$/, "Use letters, digits, spaces and . - / # _ only");

export const shipmentItemSchema = z.object({
  sku: skuSchema,
  name: str({ error: "Enter the product name" })
    .trim()
    .min(1, "Enter the product name")
    .max(200, "At most 200 characters"),
  quantity: z.coerce
    .number({ error: "Enter a quantity" })
    .int("Use a whole number")
    .min(1, "At least 1")
    .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}`),
  // The workspace currency's decimals are checked where the currency is known (createShipment, CSV import).
  declaredValue: z.coerce
    .number({ error: "Enter an amount" })
    .min(0, "Cannot be negative")
    .max(1_000_000, "At most 1,000,000")
    .optional()
    .describe(
      "In major units of the workspace currency (12.50 for USD 12.50, 500 for JPY 500), with at most the currency's decimals",
    ),
});
export type ShipmentItemInput = z.infer<typeof shipmentItemSchema>;

// A real calendar date (2026-02-30 is not one: Date.parse rolls it over to March, and Postgres refused it with a 500).
const dateOnly = isoDate("Use a real date like 2026-12-01");
const optionalText = (max: number) =>
  str()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((s) => (s ? s : undefined))
    .optional();

/** A shipment announced by a brand (or by a manager for a brand). One schema for the form, the API and the CSV import. */
export const createShipmentSchema = z
  .object({
    studioId: z.uuid({ error: "Choose a studio" }),
    brandId: z
      .uuid({ error: "Choose a brand" })
      .optional()
      .describe("Owners and managers: the brand it comes from (brand members: always their own)"),
    creatorId: z.uuid({ error: "Choose a creator" }).optional(),
    bookingId: z.uuid({ error: "Choose a booking" }).optional(),
    carrier: optionalText(60),
    trackingNumber: optionalText(100),
    expectedOn: dateOnly.optional(),
    leftoverAction: z
      .enum(leftoverAction.enumValues, { error: "Choose what happens to leftovers" })
      .default("return_to_brand"),
    leftoverAfterDays: z.coerce
      .number({ error: "Enter a number of days" })
      .int("Use whole days")
      .min(0, "Cannot be negative")
      .max(365, "At most 365 days")
      .default(7),
    notes: str().trim().max(2000, "At most 2,000 characters").default(""),
    items: z
      .array(shipmentItemSchema, { error: "Add the items in the box" })
      .min(1, "Add at least one item")
      .max(200, "At most 200 items per shipment"),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.items.forEach((item, i) => {
      const key = item.sku.toUpperCase();
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["items", i, "sku"], message: `SKU ${item.sku} is listed twice` });
      seen.add(key);
    });
    if (v.bookingId && !v.creatorId)
      ctx.addIssue({ code: "custom", path: ["creatorId"], message: "Choose the creator of that booking" });
  });
export type CreateShipmentInput = z.infer<typeof createShipmentSchema>;

/** One count at the receiving desk. `receiptId` comes from the form (a double submit is one receipt). */
export const receiveShipmentSchema = z.object({
  receiptId: z.uuid(),
  version: z.coerce.number().int().min(0),
  lines: z
    .array(
      z
        .object({
          shipmentItemId: z.uuid(),
          received: z.coerce
            .number({ error: "Enter a quantity" })
            .int("Use a whole number")
            .min(0, "Cannot be negative")
            .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}`),
          damaged: z.coerce
            .number({ error: "Enter a quantity" })
            .int("Use a whole number")
            .min(0, "Cannot be negative")
            .max(MAX_QUANTITY)
            .default(0),
          locationId: z.uuid({ error: "Choose where it goes" }).optional(),
        })
        .refine((l) => l.damaged <= l.received, { path: ["damaged"], message: "Cannot be more than received" })
        .refine((l) => l.received === 0 || l.locationId, { path: ["locationId"], message: "Choose where it goes" }),
    )
    .min(1, "Count at least one item"),
});
export type ReceiveShipmentInput = z.infer<typeof receiveShipmentSchema>;

/** A box nobody announced: logged at the desk with what is in it, then received like any other. */
export const unexpectedBoxSchema = z.object({
  studioId: z.uuid({ error: "Choose a studio" }),
  brandId: z.uuid().optional(),
  carrier: optionalText(60),
  trackingNumber: optionalText(100),
  notes: str().trim().min(3, "Say what is on the label (at least 3 characters)").max(2000, "At most 2,000 characters"),
  items: z.array(shipmentItemSchema).min(1, "Add at least one item").max(200, "At most 200 items"),
});
export type UnexpectedBoxInput = z.infer<typeof unexpectedBoxSchema>;

export const locationSchema = z.object({
  code: str({ error: "Enter a code" })
    .trim()
    .min(1, "Enter a code")
    .max(40, "At most 40 characters")
    .regex(/^[\w.\-/ ]+$/, "Use letters, digits, spaces and . - / _ only"),
  kind: z.enum(["bin", "shelf"], { error: "Choose bin or shelf" }).default("bin"),
});

const quantity = z.coerce
  .number({ error: "Enter a quantity" })
  .int("Use a whole number")
  .min(1, "At least 1")
  .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")}`);
const reason = str().trim().max(500, "At most 500 characters").default("");

export const moveStockSchema = z.object({ toLocationId: z.uuid({ error: "Choose where it goes" }), quantity, reason });
export const stageSchema = z.object({ bookingId: z.uuid({ error: "Choose the session" }), quantity });
/** Doing what the brand chose with the leftovers: a return to the brand may name the parcel's tracking number. */
export const leftoversSchema = z.object({
  trackingNumber: str().trim().max(100, "At most 100 characters").default(""),
});
export const returnToShelfSchema = z.object({ toLocationId: z.uuid({ error: "Choose where it goes" }), quantity });
export const cycleCountSchema = z.object({
  counted: z.coerce
    .number({ error: "Enter the count" })
    .int("Use a whole number")
    .min(0, "Cannot be negative")
    .max(MAX_QUANTITY),
  reason: str({ error: "Say why" }).trim().min(3, "Say why (at least 3 characters)").max(500, "At most 500 characters"),
});
export const assignSampleSchema = z.object({
  bookingId: z.uuid({ error: "Choose the session" }),
  shipmentItemId: z.uuid(),
  quantity,
});

export const shipmentListQuerySchema = z.object({
  status: str().optional().describe("Comma-separated: announced, in_transit, partially_received, received, closed"),
  studioId: z.uuid({ error: "Must be a studio id" }).optional(),
  q: str().trim().max(100).optional().describe("Code, tracking number or SKU"),
  limit: z.coerce.number({ error: "Must be a number" }).int().min(1).max(200).default(100),
});
export const inventoryQuerySchema = z.object({ studioId: z.uuid({ error: "Must be a studio id" }).optional() });

// Response shapes of the samples endpoints: the OpenAPI document shows them, and the serializers below are typed by
// them, so an answer cannot drift from its documented schema. (Text is `str()` here too: nothing we store holds a NUL.)

export const shipmentResponseSchema = z.object({
  id: str(),
  code: str().describe("The code on the box label (and its QR)"),
  status: z.enum(shipmentStatus.enumValues),
  studioId: str(),
  brandId: str().nullable(),
  creatorId: str().nullable(),
  bookingId: str().nullable(),
  carrier: str().nullable(),
  trackingNumber: str().nullable(),
  expectedOn: str().nullable(),
  leftoverAction: z.enum(leftoverAction.enumValues),
  leftoverAfterDays: z.number().int(),
  unexpected: z.boolean(),
  createdAt: str(),
  items: z.array(
    z.object({
      id: str(),
      sku: str(),
      name: str(),
      quantity: z.number().int(),
      received: z.number().int(),
      damaged: z.number().int(),
      declaredValueCents: z
        .number()
        .int()
        .nullable()
        .describe("In minor units of the workspace currency (cents; whole yen for JPY)"),
    }),
  ),
  discrepancies: z
    .array(
      z.object({
        sku: str(),
        name: str(),
        kind: z.enum(DISCREPANCY_KINDS),
        quantity: z.number().int(),
      }),
    )
    .describe("Empty until the box is first counted: a shipment on its way is not short"),
  events: z
    .array(z.object({ kind: str(), message: str(), at: str() }))
    .optional()
    .describe("GET /shipments/{id} only: the timeline"),
});

export const stockResponseSchema = z.object({
  id: str(),
  studioId: str(),
  sku: str(),
  name: str(),
  onHand: z.number().int(),
  damaged: z.number().int(),
  location: z.object({ id: str(), code: str(), kind: str() }).nullable(),
  owner: z.object({ brandId: str().nullable().optional(), creatorId: str().optional() }),
  shipment: z.object({ id: str(), code: str().nullable() }).nullable(),
});
export const inventoryResponseSchema = z.object({ data: z.array(stockResponseSchema) });

/** A shipment as the API answers it, with its items and discrepancies (and its timeline when `events` is given). */
export function shipmentJson(
  s: typeof shipments.$inferSelect,
  items: (typeof shipmentItems.$inferSelect)[],
  events?: { event: typeof shipmentEvents.$inferSelect }[],
): z.infer<typeof shipmentResponseSchema> {
  return {
    id: s.id,
    code: s.code,
    status: s.status,
    studioId: s.studioId,
    brandId: s.brandId,
    creatorId: s.creatorId,
    bookingId: s.bookingId,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    expectedOn: s.expectedOn,
    leftoverAction: s.leftoverAction,
    leftoverAfterDays: s.leftoverAfterDays,
    unexpected: s.unexpected,
    createdAt: s.createdAt.toISOString(),
    items: items.map((i) => ({
      id: i.id,
      sku: i.sku,
      name: i.name,
      quantity: i.quantityExpected,
      received: i.quantityReceived,
      damaged: i.quantityDamaged,
      declaredValueCents: i.declaredValueCents,
    })),
    discrepancies: shipmentDiscrepancies(s.status, items),
    ...(events
      ? { events: events.map(({ event: e }) => ({ kind: e.kind, message: e.message, at: e.createdAt.toISOString() })) }
      : {}),
  };
}

/** A stock row as the API answers it: its place, its owner (a creator's, else the brand's) and its shipment. */
export function stockJson(r: {
  item: typeof inventoryItems.$inferSelect;
  location: typeof storageLocations.$inferSelect | null;
  shipmentId: string | null;
  shipmentCode: string | null;
}): z.infer<typeof stockResponseSchema> {
  return {
    id: r.item.id,
    studioId: r.item.studioId,
    sku: r.item.sku,
    name: r.item.name,
    onHand: r.item.onHand,
    damaged: r.item.damaged,
    location: r.location ? { id: r.location.id, code: r.location.code, kind: r.location.kind } : null,
    owner: r.item.ownerCreatorId ? { creatorId: r.item.ownerCreatorId } : { brandId: r.item.ownerBrandId },
    shipment: r.shipmentId ? { id: r.shipmentId, code: r.shipmentCode } : null,
  };
}
