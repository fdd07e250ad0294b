import { z } from "zod";

/** Response shapes of /api/v1, for the OpenAPI document (the handlers build exactly these). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    rule: z.string().optional().describe("422: the booking rule that forbids the request"),
    conflict: z
      .object({ startsAt: z.string(), endsAt: z.string() })
      .optional()
      .describe("409: the taken range, buffer included"),
  })
  .describe("RFC 9457 problem details");

export const quoteSchema = z
  .object({
    currency: z.string(),
    minutes: z.number().int(),
    subtotalCents: z
      .number()
      .int()
      .describe("The lines' sum: the price before exclusive tax (inclusive tax is inside it)"),
    tax: z
      .object({
        name: z.string(),
        ratePercent: z.string().describe('e.g. "9.5"'),
        inclusive: z.boolean(),
        amountCents: z.number().int(),
        source: z.enum(["stripe"]).optional().describe("stripe: the rate is Stripe Tax's for the studio's address"),
      })
      .optional()
      .describe(
        "The studio's tax when booked: added to the subtotal when prices exclude it, part of it when they include it. Absent: no tax",
      ),
    totalCents: z.number().int().describe("What the creator pays"),
    lines: z.array(
      z.object({
        kind: z.enum(["room_time", "add_on"]),
        description: z.string(),
        quantity: z.number().int(),
        unitAmountCents: z.number().int(),
        amountCents: z.number().int(),
        startsAt: z.string().optional(),
        endsAt: z.string().optional(),
        ruleId: z.string().optional(),
      }),
    ),
  })
  .describe("The price as it was when booked");

export const bookingResponseSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    status: z.enum(["held", "confirmed", "checked_in", "completed", "cancelled", "no_show", "expired"]),
    roomId: z.uuid(),
    creatorId: z.uuid(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    holdExpiresAt: z.iso.datetime().nullable(),
    notes: z.string(),
    quote: quoteSchema,
    fee: z
      .object({ amountCents: z.number().int(), currency: z.string() })
      .optional()
      .describe("cancel: the fee charged"),
  })
  .describe("A booking");

export const studiosResponseSchema = z.object({
  data: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      timeZone: z.string(),
      address: z.string(),
      currency: z.string().describe("ISO 4217: the studio's rooms, add-ons, storage and fees are priced in it"),
      rooms: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          active: z.boolean(),
          hourlyRateCents: z.number().int(),
          currency: z.string(),
          stepMinutes: z.number().int(),
          minMinutes: z.number().int(),
          maxMinutes: z.number().int(),
          bufferMinutes: z.number().int(),
          capacity: z.number().int(),
          features: z.array(z.string()),
        }),
      ),
    }),
  ),
});

export const availabilityResponseSchema = z.object({
  timeZone: z.string(),
  data: z.array(z.object({ roomId: z.uuid(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() })),
});

export const meResponseSchema = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable() }),
  workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), currency: z.string() }),
  role: z.enum(["owner", "manager", "staff", "creator", "brand"]),
  studioIds: z.array(z.uuid()).optional(),
  brandId: z.uuid().nullable().optional(),
});
