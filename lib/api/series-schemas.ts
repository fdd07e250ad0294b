import { z } from "zod";
import { bookingResponseSchema } from "./schemas";

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
    status: z.enum(["waiting", "offered", "booked", "lapsed", "withdrawn"]),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    offeredBookingId: z.uuid().nullable().describe("The hold made for this entry when the time freed up"),
    position: z.number().int().describe("Order of joining in this room"),
  })
  .describe("A waitlist entry");
