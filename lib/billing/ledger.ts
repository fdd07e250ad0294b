import { and, eq, inArray, isNotNull, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { str } from "../input";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, charges, invoices } from "@/db/schema";
import { can, chargeScope, type Actor } from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";
import { formatMoney, toMinorUnits } from "../money";
import { taxOnNet } from "../pricing";
import { fail, ok, type Result } from "../result";
import { isUuid } from "@/kernel/ids";

export type Charge = typeof charges.$inferSelect;

/** A charge still owed: not yet paid and not void (pending, on an invoice, or its payment failed). */
export const OUTSTANDING_CHARGE_STATUSES = ["pending", "invoiced", "failed"] as const;
export type LedgerError = "not_found" | "forbidden" | "not_voidable" | "not_creditable" | "invalid";

/** Which charges and invoices an actor may see: `chargeScope` (a creator their own, who manages billing all). */
export function visibleCharges(actor: Actor): SQL {
  return scopeWhere(actor, chargeScope(actor), { workspace: charges.workspaceId, creator: charges.creatorId });
}
export function visibleInvoices(actor: Actor): SQL {
  return scopeWhere(actor, chargeScope(actor), { workspace: invoices.workspaceId, creator: invoices.creatorId });
}

export const voidChargeSchema = z.object({
  reason: str({ error: "Say why" }).trim().min(3, "Say why (at least 3 characters)").max(500, "At most 500 characters"),
});
export const creditChargeSchema = z.object({
  amount: z.coerce
    .number({ error: "Enter an amount" })
    .positive("Enter an amount above 0")
    .max(1_000_000, "Too large")
    .describe(
      "In major units of the charge's currency (12.50 for USD 12.50, 500 for JPY 500), with at most the currency's decimals",
    ),
  reason: str({ error: "Say why" }).trim().min(3, "Say why (at least 3 characters)").max(500, "At most 500 characters"),
  /** A token from the form or the API's Idempotency-Key: the same credit submitted twice is written once. */
  requestId: str().trim().min(8).max(100).optional(),
});

async function lockCharge(tx: DbOrTx, actor: Actor, chargeId: string) {
  if (!isUuid(chargeId)) return null;
  const [row] = await tx
    .select()
    .from(charges)
    .where(and(eq(charges.id, chargeId), visibleCharges(actor)))
    .for("update");
  return row ?? null;
}

/**
 * Voids a charge that is not on an invoice yet (a mistake caught during the invoice delay). The row stays,
 * with the reason, who and when; it is never invoiced. Anything already invoiced is corrected with a credit.
 */
export async function voidCharge(
  db: Db,
  actor: Actor,
  chargeId: string,
  input: z.infer<typeof voidChargeSchema>,
  now: Date,
): Promise<Result<Charge, LedgerError>> {
  return db.transaction(async (tx) => {
    const c = await lockCharge(tx, actor, chargeId);
    if (!c) return fail("not_found");
    if (!can(actor, "billing.manage")) return fail("forbidden", { message: "Only managers can void charges." });
    if (c.status === "void") return ok(c);
    if (c.status !== "pending" || c.invoiceId)
      return fail("not_voidable", { message: "This charge is already on an invoice: credit it instead." });
    const [row] = await tx
      .update(charges)
      .set({ status: "void", voidReason: input.reason, voidedBy: actor.userId, voidedAt: now })
      .where(eq(charges.id, c.id))
      .returning();
    await retaxAfterVoid(tx, c, { reason: input.reason, userId: actor.userId, now });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "charge.voided",
      subjectType: "charge",
      subjectId: c.id,
      data: { reason: input.reason, amountCents: c.amountCents, currency: c.currency },
    });
    return ok(row);
  });
}

const SESSION_KINDS = ["room_time", "add_on", "overtime"] as const;
const isSessionLine = (c: Charge) => c.bookingId !== null && (SESSION_KINDS as readonly string[]).includes(c.kind);

/** The tax line on a charge: its own (a fee's, a night's), or its session's. Null when it has none. */
async function taxLineOf(tx: DbOrTx, c: Charge) {
  if (c.kind === "tax" || c.kind === "credit") return null;
  const where = isSessionLine(c)
    ? eq(charges.idempotencyKey, `tax:session:${c.bookingId}`)
    : eq(charges.taxedChargeId, c.id);
  const [line] = await tx
    .select()
    .from(charges)
    .where(and(eq(charges.workspaceId, c.workspaceId), eq(charges.kind, "tax"), ne(charges.status, "void"), where))
    .for("update");
  return line ?? null;
}

/**
 * A voided charge takes its tax with it: a fee's or a night's tax line is voided too; a session's is worked out again
 * on what is left of the session (net × rate, `taxOnNet`), and voided when nothing is.
 */
async function retaxAfterVoid(tx: DbOrTx, c: Charge, by: { reason: string; userId: string; now: Date }) {
  const line = await taxLineOf(tx, c);
  if (!line || line.status !== "pending" || line.invoiceId || line.taxRate === null) return;
  let amount = 0;
  let base = 0;
  if (isSessionLine(c)) {
    const [{ net }] = await tx
      .select({ net: sql<number>`coalesce(sum(${charges.amountCents}), 0)::int` })
      .from(charges)
      .where(
        and(
          eq(charges.workspaceId, c.workspaceId),
          eq(charges.bookingId, c.bookingId!),
          inArray(charges.kind, [...SESSION_KINDS]),
          ne(charges.status, "void"),
        ),
      );
    base = Math.max(net, 0);
    amount = taxOnNet(base, line.taxRate);
  }
  if (amount > 0)
    await tx
      .update(charges)
      .set({ amountCents: amount, unitAmountCents: amount, quantity: 1, taxableCents: base })
      .where(eq(charges.id, line.id));
  else
    await tx
      .update(charges)
      .set({ status: "void", voidReason: `Its charge was voided: ${by.reason}`, voidedBy: by.userId, voidedAt: by.now })
      .where(eq(charges.id, line.id));
}

/**
 * Credits an invoiced charge, in part or whole: a new negative row that names the charge it corrects. When the
 * invoice is at Stripe, the invoicing job turns it into a credit note (which refunds the card if the invoice
 * was paid); otherwise it lowers what the local invoice asks for.
 */
export async function creditCharge(
  db: Db,
  actor: Actor,
  chargeId: string,
  input: z.infer<typeof creditChargeSchema>,
  now: Date,
): Promise<Result<Charge, LedgerError>> {
  return db.transaction(async (tx) => {
    // Lock order: the invoice, then its charges, like recordOfflinePayment and the invoicing job (no deadlock).
    if (!isUuid(chargeId)) return fail("not_found");
    const [seen] = await tx
      .select({ invoiceId: charges.invoiceId })
      .from(charges)
      .where(and(eq(charges.id, chargeId), visibleCharges(actor)));
    if (!seen) return fail("not_found");
    if (seen.invoiceId)
      await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, seen.invoiceId)).for("update");
    const c = await lockCharge(tx, actor, chargeId);
    if (!c) return fail("not_found");
    if (!can(actor, "billing.manage")) return fail("forbidden", { message: "Only managers can credit charges." });
    if (input.requestId) {
      const [same] = await tx
        .select()
        .from(charges)
        .where(and(eq(charges.workspaceId, c.workspaceId), eq(charges.idempotencyKey, `credit:${input.requestId}`)));
      if (same)
        return same.correctsChargeId === c.id
          ? ok(same)
          : fail("invalid", { message: "This request id was used for another credit." });
    }
    if (c.kind === "credit") return fail("not_creditable", { message: "A credit cannot be credited." });
    if (!c.invoiceId || !["invoiced", "paid", "failed"].includes(c.status)) {
      return fail("not_creditable", {
        message:
          c.status === "pending"
            ? "This charge is not invoiced yet: void it instead."
            : `A ${c.status} charge cannot be credited.`,
      });
    }
    const [inv] = await tx.select().from(invoices).where(eq(invoices.id, c.invoiceId)).for("update");
    if (inv.status === "void" || inv.status === "draft")
      return fail("not_creditable", {
        message:
          inv.status === "void"
            ? "The invoice was voided."
            : "The invoice is being sent to Stripe; try again in a minute.",
      });
    const [{ credited }] = await tx
      .select({ credited: sql<number>`coalesce(-sum(${charges.amountCents}), 0)::int` })
      .from(charges)
      .where(and(eq(charges.correctsChargeId, c.id), ne(charges.status, "void")));
    // The amount is in the charge's currency, whose minor unit may not be a cent (JPY has none).
    const amount = toMinorUnits(input.amount, c.currency);
    if (!amount.ok) return fail("invalid", { fieldErrors: { amount: [amount.message] } });
    const cents = amount.minor;
    const left = c.amountCents - credited;
    if (cents > left)
      return fail("invalid", {
        fieldErrors: { amount: [`At most ${formatMoney(left, c.currency)} can still be credited.`] },
      });
    const atStripe = inv.stripeInvoiceId !== null;
    const [row] = await tx
      .insert(charges)
      .values({
        workspaceId: c.workspaceId,
        creatorId: c.creatorId,
        kind: "credit",
        bookingId: c.bookingId,
        storageReservationId: c.storageReservationId,
        description: `Credit: ${c.description}`,
        quantity: 1,
        unitAmountCents: -cents,
        amountCents: -cents,
        currency: c.currency,
        // Local invoices take the credit at once; Stripe's get it from the invoicing job (a credit note).
        status: atStripe ? "pending" : "invoiced",
        idempotencyKey: `credit:${input.requestId ?? crypto.randomUUID()}`,
        invoiceId: inv.id,
        correctsChargeId: c.id,
        reason: input.reason,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    // The tax on what is credited goes back with it, in proportion (net × rate), never more than is left of it.
    let taxBack = 0;
    const line = await taxLineOf(tx, c);
    if (line && line.invoiceId === inv.id && line.taxRate !== null) {
      const [{ taxCredited }] = await tx
        .select({ taxCredited: sql<number>`coalesce(-sum(${charges.amountCents}), 0)::int` })
        .from(charges)
        .where(and(eq(charges.correctsChargeId, line.id), ne(charges.status, "void")));
      taxBack = Math.min(line.amountCents - taxCredited, taxOnNet(cents, line.taxRate));
      if (taxBack > 0) {
        await tx.insert(charges).values({
          workspaceId: c.workspaceId,
          creatorId: c.creatorId,
          kind: "credit",
          bookingId: line.bookingId,
          storageReservationId: line.storageReservationId,
          description: `Credit: ${line.description}`,
          quantity: 1,
          unitAmountCents: -taxBack,
          amountCents: -taxBack,
          currency: c.currency,
          status: atStripe ? "pending" : "invoiced",
          idempotencyKey: `${row.idempotencyKey}:tax`,
          invoiceId: inv.id,
          correctsChargeId: line.id,
          reason: input.reason,
          createdBy: actor.userId,
          createdAt: now,
        });
      }
    }
    if (atStripe) await tx.update(invoices).set({ nextAttemptAt: now, updatedAt: now }).where(eq(invoices.id, inv.id));
    else
      await tx
        .update(invoices)
        .set({
          amountDueCents: sql`greatest(${invoices.amountDueCents} - ${cents + Math.max(taxBack, 0)}, 0)`,
          updatedAt: now,
        })
        .where(eq(invoices.id, inv.id));
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "charge.credited",
      subjectType: "charge",
      subjectId: c.id,
      data: { creditId: row.id, amountCents: cents, currency: c.currency, reason: input.reason },
    });
    return ok(row);
  });
}

/** What a creator owes, per currency: every charge not void and not paid (credits lower it), and failed invoices. */
export async function creatorBalance(db: DbOrTx, workspaceId: string, creatorId: string) {
  const owed = await db
    .select({ currency: charges.currency, cents: sql<number>`sum(${charges.amountCents})::int` })
    .from(charges)
    .where(
      and(
        eq(charges.workspaceId, workspaceId),
        eq(charges.creatorId, creatorId),
        inArray(charges.status, [...OUTSTANDING_CHARGE_STATUSES]),
      ),
    )
    .groupBy(charges.currency);
  const failed = await db
    .select({
      id: invoices.id,
      amountDueCents: invoices.amountDueCents,
      currency: invoices.currency,
      hostedInvoiceUrl: invoices.hostedInvoiceUrl,
      description: invoices.description,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.workspaceId, workspaceId),
        eq(invoices.creatorId, creatorId),
        inArray(invoices.status, ["failed", "uncollectible"]),
      ),
    );
  return { outstanding: owed.filter((o) => o.cents !== 0), failedInvoices: failed };
}

export const offlinePaymentSchema = z.object({
  note: str({ error: "Say how it was paid" })
    .trim()
    .min(3, "Say how it was paid (at least 3 characters)")
    .max(500, "At most 500 characters"),
});

/**
 * Without Stripe, invoices live in our ledger ("not sent"); a manager records that one was paid some other way
 * (cash, bank transfer). Its charges become paid; the note and who recorded it go to the audit log.
 */
export async function recordOfflinePayment(
  db: Db,
  actor: Actor,
  invoiceId: string,
  input: z.infer<typeof offlinePaymentSchema>,
  now: Date,
): Promise<Result<typeof invoices.$inferSelect, LedgerError>> {
  return db.transaction(async (tx) => {
    if (!isUuid(invoiceId)) return fail("not_found");
    const [inv] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.id, invoiceId), visibleInvoices(actor)))
      .for("update");
    if (!inv) return fail("not_found");
    if (!can(actor, "billing.manage")) return fail("forbidden", { message: "Only managers can record payments." });
    if (inv.status === "paid") return ok(inv);
    if (inv.status !== "not_sent")
      return fail("invalid", {
        message: "Only invoices kept outside Stripe are recorded as paid here; Stripe reports the others.",
      });
    const [row] = await tx
      .update(invoices)
      .set({ status: "paid", paidAt: now, amountPaidCents: inv.amountDueCents, updatedAt: now })
      .where(eq(invoices.id, inv.id))
      .returning();
    // Credits already taken off this invoice are settled with it.
    await tx
      .update(charges)
      .set({ status: "paid" })
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.status, "invoiced")));
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "invoice.paid_offline",
      subjectType: "invoice",
      subjectId: inv.id,
      data: { note: input.note, amountCents: inv.amountDueCents, currency: inv.currency },
    });
    return ok(row);
  });
}

/** How much of each of a creator's charges has been credited so far (not counting void credits). */
export async function creditedByCharge(db: DbOrTx, workspaceId: string, creatorId: string) {
  const rows = await db
    .select({ chargeId: charges.correctsChargeId, cents: sql<number>`(-sum(${charges.amountCents}))::int` })
    .from(charges)
    .where(
      and(
        eq(charges.workspaceId, workspaceId),
        eq(charges.creatorId, creatorId),
        isNotNull(charges.correctsChargeId),
        ne(charges.status, "void"),
      ),
    )
    .groupBy(charges.correctsChargeId);
  return new Map(rows.map((r) => [r.chargeId!, r.cents]));
}
