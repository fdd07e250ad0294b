import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoices, stripeCustomers } from "@/db/schema";
import type { Policies } from "../policies/policies";
import { fail, type Fail } from "../result";
import { stripeConnected } from "./stripe-client";

export type BillingGateError = "card_required" | "payment_overdue";

/** Whether the workspace's policy asks for a card on file before booking ("auto": exactly when Stripe is connected). */
export function cardRequired(policies: Pick<Policies, "cardOnFile">, connected = stripeConnected()): boolean {
  return policies.cardOnFile === "required" || (policies.cardOnFile === "auto" && connected);
}

/**
 * The billing rules a new booking must pass, by policy: a card on file, and no failed payment left unsettled.
 * `forSelf` words the message for the creator or for the staff member booking for them.
 */
export async function billingGate(db: DbOrTx, input: { workspaceId: string; creatorId: string; policies: Policies; forSelf: boolean }): Promise<Fail<BillingGateError> | null> {
  const { workspaceId, creatorId, policies, forSelf } = input;
  if (policies.blockBookingWhenUnpaid === "yes") {
    const [overdue] = await db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.workspaceId, workspaceId), eq(invoices.creatorId, creatorId), inArray(invoices.status, ["failed", "uncollectible"])))
      .limit(1);
    if (overdue) {
      return fail("payment_overdue", {
        message: forSelf ? "A payment failed. Settle it on the Billing page, then book again." : "This creator has a failed payment to settle before booking again.",
      });
    }
  }
  if (cardRequired(policies)) {
    const hasCard = await hasCardOnFile(db, workspaceId, creatorId);
    if (!hasCard) {
      return fail("card_required", { message: forSelf ? "Add a card on the Billing page before booking." : "This creator has no card on file yet." });
    }
  }
  return null;
}

async function hasCardOnFile(db: DbOrTx, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ id: stripeCustomers.id })
    .from(stripeCustomers)
    .where(and(eq(stripeCustomers.workspaceId, workspaceId), eq(stripeCustomers.userId, userId), isNotNull(stripeCustomers.defaultPaymentMethodId)));
  return Boolean(row);
}
