import { z } from "zod";
import { CHARGE_KINDS } from "../billing/reports";

/** Response shapes of GET /api/v1/reports/*, for the OpenAPI document (the handlers return these reports). */
const money = {
  byKind: z
    .record(z.enum(CHARGE_KINDS), z.number().int())
    .describe("Per charge kind, in minor units of `currency` (cents; whole yen for JPY); credits are negative"),
  totalCents: z.number().int().describe("Revenue: every charge that is not void, without tax"),
  paidCents: z.number().int().describe("Revenue paid, without tax"),
  outstandingCents: z.number().int().describe("Pending, invoiced and failed charges, without tax"),
  taxCents: z
    .number()
    .int()
    .describe(
      "Tax on those charges (less tax returned by credits): collected for the tax authority, never in totalCents",
    ),
};
const range = z.object({ from: z.string(), to: z.string() });

export const revenueReportResponseSchema = z.object({
  range,
  months: z.array(z.string()),
  rows: z.array(
    z.object({
      month: z.string().describe("YYYY-MM on the studio's clock"),
      studioId: z.uuid().nullable().describe("null: charges linked to no booking or storage reservation"),
      studioName: z.string(),
      roomId: z.uuid().nullable().describe("null: storage and unlinked charges"),
      roomName: z.string().nullable(),
      currency: z.string(),
      ...money,
    }),
  ),
  totals: z.object({
    byStudio: z.array(
      z.object({ studioId: z.uuid().nullable(), studioName: z.string(), currency: z.string(), ...money }),
    ),
    byMonth: z.array(z.object({ month: z.string(), currency: z.string(), ...money })),
    byCurrency: z.array(z.object({ currency: z.string(), ...money })),
  }),
});

const roomFigures = {
  studioId: z.uuid(),
  studioName: z.string(),
  timeZone: z.string(),
  roomId: z.uuid(),
  roomName: z.string(),
  openMinutes: z.number().int().describe("Opening hours in the month, closure days excluded"),
  bookedMinutes: z
    .number()
    .int()
    .describe("Confirmed, checked-in, completed and no-show bookings inside the opening hours"),
  utilizationPercent: z.number().nullable().describe("booked / open × 100, one decimal; null when never open"),
};

export const utilizationReportResponseSchema = z.object({
  range,
  months: z.array(z.string()),
  rows: z.array(z.object({ month: z.string(), ...roomFigures })),
  totals: z.object({ byRoom: z.array(z.object(roomFigures)) }),
});
