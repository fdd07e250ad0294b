import { z } from "zod";
import { chargeStatus, chargeKind, invoiceStatus } from "@/db/schema";

/** Response shapes of the billing endpoints (the API's and the OpenAPI document's): chargeJson and invoiceJson in
 * list-billing.ts are typed by them, so a response cannot drift from what is documented. */
export const chargeResponseSchema = z.object({
  id: z.string(),
  creatorId: z.string(),
  kind: z.enum(chargeKind.enumValues),
  status: z.enum(chargeStatus.enumValues),
  description: z.string(),
  bookingId: z.string().nullable(),
  storageReservationId: z.string().nullable(),
  quantity: z.number().int(),
  unitAmountCents: z.number().int(),
  amountCents: z
    .number()
    .int()
    .describe("In minor units of `currency` (cents; whole yen for JPY); credits are negative"),
  currency: z.string(),
  invoiceId: z.string().nullable(),
  correctsChargeId: z.string().nullable().describe("A credit: the charge it corrects"),
  reason: z.string().nullable(),
  voidReason: z.string().nullable(),
  voidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const invoiceResponseSchema = z.object({
  id: z.string(),
  creatorId: z.string(),
  bookingId: z.string().nullable(),
  description: z.string(),
  status: z.enum(invoiceStatus.enumValues).describe("not_sent: kept in our ledger only (Stripe is not connected)"),
  sentToStripe: z.boolean(),
  amountDueCents: z.number().int(),
  amountPaidCents: z.number().int(),
  amountRefundedCents: z.number().int(),
  currency: z.string(),
  hostedInvoiceUrl: z.string().nullable().describe("Stripe's page to pay or download the invoice"),
  pdfUrl: z.string().nullable(),
  failureMessage: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});

export type ChargeJson = z.input<typeof chargeResponseSchema>;
export type InvoiceJson = z.input<typeof invoiceResponseSchema>;
