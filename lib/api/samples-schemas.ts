import { z } from "zod";
import { leftoverAction, shipmentStatus } from "@/db/schema";
import { DISCREPANCY_KINDS } from "../samples/rules";

/** Response shapes of the samples endpoints, for the OpenAPI document (lib/samples/queries.ts builds them). */
export const shipmentResponseSchema = z.object({
  id: z.string(),
  code: z.string().describe("The code on the box label (and its QR)"),
  status: z.enum(shipmentStatus.enumValues),
  studioId: z.string(),
  brandId: z.string().nullable(),
  creatorId: z.string().nullable(),
  bookingId: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  expectedOn: z.string().nullable(),
  leftoverAction: z.enum(leftoverAction.enumValues),
  leftoverAfterDays: z.number().int(),
  unexpected: z.boolean(),
  createdAt: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      name: z.string(),
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
        sku: z.string(),
        name: z.string(),
        kind: z.enum(DISCREPANCY_KINDS),
        quantity: z.number().int(),
      }),
    )
    .describe("Empty until the box is first counted: a shipment on its way is not short"),
  events: z
    .array(z.object({ kind: z.string(), message: z.string(), at: z.string() }))
    .optional()
    .describe("GET /shipments/{id} only: the timeline"),
});

export const inventoryResponseSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      studioId: z.string(),
      sku: z.string(),
      name: z.string(),
      onHand: z.number().int(),
      damaged: z.number().int(),
      location: z.object({ id: z.string(), code: z.string(), kind: z.string() }).nullable(),
      owner: z.object({ brandId: z.string().nullable().optional(), creatorId: z.string().optional() }),
      shipment: z.object({ id: z.string(), code: z.string().nullable() }).nullable(),
    }),
  ),
});
