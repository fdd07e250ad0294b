import { z } from "zod";
import { bookingStatus, WAITLIST_STATUSES } from "@/db/schema";

/*
 * Response shapes (the API's and the OpenAPI document's): the serializers (`bookingJson`, `occurrenceJson`, `waitlistJson`) are typed by them, so
 * a response cannot drift from what is documented.
 */

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
    status: z.enum(bookingStatus.enumValues),
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

/** A booking as the API answers it (`bookingJson`). */
export type BookingJson = z.input<typeof bookingResponseSchema>;

/** Response shapes of the weekly-series and waitlist endpoints of /api/v1, for the OpenAPI document. */
export const occurrenceSchema = z
  .object({
    date: z.iso.date().describe("The local date at the studio"),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    ok: z.boolean().describe("Whether this date can be (or was) booked"),
    priceCents: z.number().int().optional().describe("The price of a free date, in the currency's minor units"),
    currency: z.string().optional(),
    error: z.enum(["rule", "slot_taken"]).optional(),
    rule: z.string().optional().describe("The booking rule that forbids this date"),
    message: z.string().optional(),
    conflict: z
      .object({ startsAt: z.string(), endsAt: z.string() })
      .optional()
      .describe("The taken range, buffer included"),
  })
  .describe("One date of a weekly series");

export const seriesPreviewResponseSchema = z.object({
  timeZone: z.string(),
  occurrences: z.array(occurrenceSchema),
  currency: z.string(),
  totalCents: z.number().int().describe("The price of every free date together, in the currency's minor units"),
});

export const seriesResponseSchema = z.object({
  series: z.object({ id: z.uuid(), roomId: z.uuid(), creatorId: z.uuid(), pattern: z.record(z.string(), z.unknown()) }),
  bookings: z.array(bookingResponseSchema),
  occurrences: z.array(occurrenceSchema),
});

export const waitlistEntryResponseSchema = z
  .object({
    id: z.uuid(),
    roomId: z.uuid(),
    creatorId: z.uuid(),
    status: z.enum(WAITLIST_STATUSES),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    offeredBookingId: z.uuid().nullable().describe("The hold made for this entry when the time freed up"),
    position: z.number().int().describe("Order of joining in this room"),
  })
  .describe("A waitlist entry");

export type OccurrenceJson = z.input<typeof occurrenceSchema>;
export type WaitlistEntryJson = z.input<typeof waitlistEntryResponseSchema>;
