import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, ts, workspaceId } from "./columns";
import { users } from "./accounts";
import { bookings } from "./bookings";
import { storageReservations } from "./storage";

export const chargeKind = pgEnum("charge_kind", [
  "room_time",
  "overtime",
  "add_on",
  "storage_night",
  "late_cancel_fee",
  "no_show_fee",
  "credit",
  "tax",
]);
export const chargeStatus = pgEnum("charge_status", ["pending", "invoiced", "paid", "failed", "void"]);

/**
 * Our mirror of an invoice: one per session (its room time and add-ons) or per fee event. `status`:
 * - draft: charges attached, not yet at Stripe (the invoicing job sends it; `next_attempt_at` paces retries)
 * - not_sent: Stripe is not connected; the invoice lives in our ledger only
 * - open: finalized at Stripe, awaiting payment · paid · failed: the charge to the card failed (pay link)
 * - void / uncollectible: as Stripe says
 */
export const invoiceStatus = pgEnum("invoice_status", [
  "draft",
  "not_sent",
  "open",
  "paid",
  "failed",
  "void",
  "uncollectible",
]);
export type InvoiceStatus = (typeof invoiceStatus.enumValues)[number];

export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    workspaceId: workspaceId(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** What the invoice is for: `booking:<id>` (a session) or `charge:<id>` (a fee event); unique per workspace. */
    groupKey: text("group_key").notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "restrict" }),
    description: text("description").notNull().default(""),
    stripeInvoiceId: text("stripe_invoice_id").unique(),
    /**
     * The Stripe account the invoice's objects live on: "" for the server's own account (single-operator mode), the
     * workspace's connected account (platform mode). Fixed at the first send; every later call names it.
     */
    stripeAccount: text("stripe_account"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    status: invoiceStatus("status").notNull().default("draft"),
    amountDueCents: integer("amount_due_cents").notNull().default(0),
    amountPaidCents: integer("amount_paid_cents").notNull().default(0),
    amountRefundedCents: integer("amount_refunded_cents").notNull().default(0),
    currency: text("currency").notNull(),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    pdfUrl: text("pdf_url"),
    failureMessage: text("failure_message"),
    /** The invoicing job's retry state: attempts so far, when to try next, the last error, a worker's lease. */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    leasedUntil: ts("leased_until"),
    sentAt: ts("sent_at"),
    paidAt: ts("paid_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("invoices_creator_idx").on(t.workspaceId, t.creatorId),
    uniqueIndex("invoices_group_uq").on(t.workspaceId, t.groupKey),
    index("invoices_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** What a creator owes: the truth, with one row per cause (idempotency_key). Corrections are new rows. */
export const charges = pgTable(
  "charges",
  {
    id: id(),
    workspaceId: workspaceId(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    kind: chargeKind("kind").notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "restrict" }),
    storageReservationId: uuid("storage_reservation_id").references(() => storageReservations.id, {
      onDelete: "restrict",
    }),
    description: text("description").notNull(),
    quantity: integer("quantity").notNull().default(1),
    unitAmountCents: integer("unit_amount_cents").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    status: chargeStatus("status").notNull().default("pending"),
    idempotencyKey: text("idempotency_key").notNull(),
    invoiceId: uuid("invoice_id").references(() => invoices.id, { onDelete: "set null" }),
    stripeInvoiceItemId: text("stripe_invoice_item_id"),
    /** A credit names the charge it corrects; a void keeps the row and records why and who. */
    correctsChargeId: uuid("corrects_charge_id"),
    reason: text("reason"),
    voidReason: text("void_reason"),
    voidedBy: uuid("voided_by").references(() => users.id, { onDelete: "set null" }),
    voidedAt: ts("voided_at"),
    /** A credit of an invoice at Stripe becomes a credit note (refunding the card when the invoice was paid). */
    stripeCreditNoteId: text("stripe_credit_note_id"),
    /**
     * A tax charge (kind `tax`): the rate it applied (percent), and, when it taxes a single charge (a fee, a storage
     * night), that charge, so it is invoiced, voided and credited with it. A session's tax taxes all its lines.
     */
    taxRate: numeric("tax_rate", { precision: 6, scale: 3 }),
    taxedChargeId: uuid("taxed_charge_id"),
    /**
     * A tax charge: the net amount it taxes (its base). `stripeTax`: its rate came from Stripe Tax, so the sale is
     * recorded with Stripe Tax once paid: `stripeTaxTransaction` is that tax transaction (on a tax line) or the
     * reversal of it (on a credit of a tax line).
     */
    taxableCents: integer("taxable_cents"),
    stripeTax: boolean("stripe_tax").notNull().default(false),
    stripeTaxTransaction: text("stripe_tax_transaction"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("charges_idempotency_uq").on(t.workspaceId, t.idempotencyKey),
    index("charges_creator_idx").on(t.workspaceId, t.creatorId, t.createdAt),
    index("charges_pending_idx")
      .on(t.status)
      .where(sql`${t.status} = 'pending'`),
    index("charges_booking_idx").on(t.bookingId),
    check("charges_amount", sql`${t.amountCents} = ${t.quantity} * ${t.unitAmountCents}`),
  ],
);

export const stripeCustomers = pgTable(
  "stripe_customers",
  {
    id: id(),
    workspaceId: workspaceId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id").notNull().unique(),
    /** The account the customer lives on ("" = the server's own): a customer of one account is never used with another. */
    stripeAccount: text("stripe_account").notNull().default(""),
    defaultPaymentMethodId: text("default_payment_method_id"),
    cardBrand: text("card_brand"),
    cardLast4: text("card_last4"),
    cardExpMonth: integer("card_exp_month"),
    cardExpYear: integer("card_exp_year"),
    email: text("email"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stripe_customers_member_uq").on(t.workspaceId, t.userId, t.stripeAccount)],
);

/** Every Stripe event id we have processed: a replay is a no-op. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  payload: jsonb("payload").notNull(),
  receivedAt: ts("received_at").notNull().defaultNow(),
  processedAt: ts("processed_at"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
});

/**
 * A workspace's own Stripe account in platform mode (STRIPE_CONNECT=on): one per workspace, and what we last read of
 * it (webhooks and the Payments page keep it current). Stripe is the truth; this is what the page shows meanwhile.
 */
export const stripeConnectedAccounts = pgTable(
  "stripe_connected_accounts",
  {
    id: id(),
    workspaceId: workspaceId(),
    stripeAccountId: text("stripe_account_id").notNull().unique(),
    chargesEnabled: boolean("charges_enabled").notNull().default(false),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    detailsSubmitted: boolean("details_submitted").notNull().default(false),
    /** Stripe's `requirements.currently_due`: what the operator must still provide, as Stripe names it. */
    requirementsDue: jsonb("requirements_due").$type<string[]>().notNull().default([]),
    disabledReason: text("disabled_reason"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stripe_connected_accounts_workspace_uq").on(t.workspaceId)],
);
export type StripeConnectedAccount = typeof stripeConnectedAccounts.$inferSelect;

/**
 * The platform's fee ledger (platform mode): one row per application fee Stripe took on an invoice's payment
 * (`fee_…`, positive) and per part of it returned (`fr_…`, negative), keyed by Stripe's id so a sync that runs
 * again adds nothing. Reports sum it per studio and month as "platform fee"; net = gross − fee.
 */
export const platformFeeEntries = pgTable(
  "platform_fee_entries",
  {
    id: id(),
    workspaceId: workspaceId(),
    // No action (checked at the end of the statement), so deleting a workspace cascades through both tables.
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "no action" }),
    stripeId: text("stripe_id").notNull().unique(),
    stripeAccount: text("stripe_account").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    /** When Stripe took or returned it (its `created`). */
    occurredAt: ts("occurred_at").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("platform_fee_entries_invoice_idx").on(t.invoiceId),
    index("platform_fee_entries_workspace_idx").on(t.workspaceId, t.occurredAt),
  ],
);
export type PlatformFeeEntry = typeof platformFeeEntries.$inferSelect;
