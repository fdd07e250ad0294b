import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
]);
export const chargeStatus = pgEnum("charge_status", ["pending", "invoiced", "paid", "failed", "void"]);

export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    workspaceId: workspaceId(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    stripeInvoiceId: text("stripe_invoice_id").unique(),
    status: text("status").notNull().default("draft"),
    amountDueCents: integer("amount_due_cents").notNull().default(0),
    currency: text("currency").notNull(),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    pdfUrl: text("pdf_url"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("invoices_creator_idx").on(t.workspaceId, t.creatorId)],
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
    voidReason: text("void_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("charges_idempotency_uq").on(t.workspaceId, t.idempotencyKey),
    index("charges_creator_idx").on(t.workspaceId, t.creatorId, t.createdAt),
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
    defaultPaymentMethodId: text("default_payment_method_id"),
  },
  (t) => [uniqueIndex("stripe_customers_member_uq").on(t.workspaceId, t.userId)],
);

/** Every Stripe event id we have processed: a replay is a no-op. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  payload: jsonb("payload").notNull(),
  receivedAt: ts("received_at").notNull().defaultNow(),
  processedAt: ts("processed_at"),
});
