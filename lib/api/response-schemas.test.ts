import { describe, expect, it } from "vitest";
import { quotePrice } from "../pricing";
import { chargeResponseSchema, invoiceResponseSchema } from "../billing/response-schemas";
import { chargeJson, invoiceJson } from "../billing/list-billing";
import { bookingResponseSchema, occurrenceSchema, waitlistEntryResponseSchema } from "../bookings/response-schemas";
import { bookingJson } from "../bookings/list-bookings";
import { occurrenceJson } from "../bookings/series-plan";
import { waitlistJson } from "../bookings/waitlist";

// The API's serializers are typed by the response schemas the OpenAPI document publishes (missing or extra keys do
// not compile); this checks what types cannot: formats (uuid, date-time) and that nothing undocumented slips out.

const id = "5b0c3c8e-3f0e-4a55-9a43-3c2d9f1e7a10";
const at = new Date("2026-12-09T17:00:00Z");
const later = new Date("2026-12-09T19:00:00Z");
const quote = quotePrice({
  timeZone: "America/Los_Angeles",
  start: at,
  end: later,
  roomName: "Set B",
  hourlyRateCents: 6000,
  currency: "USD",
  peakRules: [],
  addOns: [],
  tax: { name: "CA sales tax", ratePercent: "9.5", inclusive: false, source: "stripe" },
});

describe("API responses match their published schemas", () => {
  it("a booking", () => {
    const json = bookingJson({
      id,
      code: "K7Q-M3X",
      status: "confirmed",
      roomId: id,
      creatorId: id,
      startsAt: at,
      endsAt: later,
      holdExpiresAt: null,
      notes: "",
      quote,
    });
    expect(bookingResponseSchema.strict().parse(json)).toEqual(json);
  });

  it("a charge and an invoice", () => {
    const charge = {
      id,
      workspaceId: id,
      creatorId: id,
      kind: "tax" as const,
      bookingId: id,
      storageReservationId: null,
      description: "CA sales tax 9.5 %",
      quantity: 1,
      unitAmountCents: 1140,
      amountCents: 1140,
      currency: "USD",
      status: "paid" as const,
      idempotencyKey: "tax:session:x",
      invoiceId: id,
      stripeInvoiceItemId: null,
      correctsChargeId: null,
      reason: null,
      voidReason: null,
      voidedBy: null,
      voidedAt: null,
      stripeCreditNoteId: null,
      taxRate: "9.500",
      taxedChargeId: null,
      taxableCents: 12_000,
      stripeTax: true,
      stripeTaxTransaction: null,
      createdBy: null,
      createdAt: at,
    };
    expect(chargeResponseSchema.strict().parse(chargeJson(charge))).toEqual(chargeJson(charge));
    const invoice = invoiceJson({
      id,
      workspaceId: id,
      creatorId: id,
      bookingId: null,
      groupKey: "g",
      description: "Session",
      status: "paid",
      currency: "USD",
      amountDueCents: 13_140,
      amountPaidCents: 13_140,
      amountRefundedCents: 0,
      stripeInvoiceId: "in_1",
      stripeAccount: "",
      stripePaymentIntentId: null,
      hostedInvoiceUrl: null,
      pdfUrl: null,
      failureMessage: null,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      sentAt: at,
      paidAt: later,
      createdAt: at,
      updatedAt: later,
    } as unknown as Parameters<typeof invoiceJson>[0]);
    expect(invoiceResponseSchema.strict().parse(invoice)).toEqual(invoice);
  });

  it("a series date and a waitlist entry", () => {
    const free = occurrenceJson({ date: "2026-12-09", startsAt: at, endsAt: later, ok: true, quote });
    expect(occurrenceSchema.strict().parse(free)).toEqual(free);
    const entry = waitlistJson({
      id,
      workspaceId: id,
      roomId: id,
      creatorId: id,
      status: "waiting",
      startsAt: at,
      endsAt: later,
      offeredBookingId: null,
      position: 1,
    } as unknown as Parameters<typeof waitlistJson>[0]);
    expect(waitlistEntryResponseSchema.strict().parse(entry)).toEqual(entry);
  });
});
