import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoices, stripeCustomers } from "@/db/schema";
import type { Policies } from "../policies/policies";
import { fail, type Fail } from "../result";
import { paymentsTarget, type PaymentsTarget } from "./payments-target";
import { stripeConnected } from "./stripe-client";

export type BillingGateError = "card_required" | "payment_overdue";

/**
 * Whether a card on file is asked for before booking: only when the workspace can take cards (`connected`: Stripe
 * configured, and in platform mode its connected account has charges enabled), since otherwise nobody can add a
 * card anywhere in the app ("auto" and "required" then ask for one, "not_required" never). A "required" stored
 * while it could must not stop every booking once it cannot.
 */
export function cardRequired(policies: Pick<Policies, "cardOnFile">, connected = stripeConnected()): boolean {
  return connected && policies.cardOnFile !== "not_required";
}

/** Why a card-on-file policy cannot be saved (or applied): "always required" needs Stripe, where cards are added. Null when it can. */
export function cardPolicyRefusal(cardOnFile: Policies["cardOnFile"], connected = stripeConnected()): string | null {
  return cardOnFile === "required" && !connected
    ? "Stripe is not connected, so creators could not add a card: choose Automatic or Not required."
    : null;
}

/**
 * The billing rules a new booking must pass, by policy: a card on file, and no failed payment left unsettled.
 * `forSelf` words the message for the creator or for the staff member booking for them.
 */
export async function billingGate(
  db: DbOrTx,
  input: {
    workspaceId: string;
    creatorId: string;
    policies: Policies;
    forSelf: boolean;
    payments?: Pick<PaymentsTarget, "canCharge" | "account">;
  },
): Promise<Fail<BillingGateError> | null> {
  const { workspaceId, creatorId, policies, forSelf } = input;
  if (policies.blockBookingWhenUnpaid === "yes") {
    const [overdue] = await db
      .select({ id: invoices.id })
      .from(invoices)
      .where(
        and(
          eq(invoices.workspaceId, workspaceId),
          eq(invoices.creatorId, creatorId),
          inArray(invoices.status, ["failed", "uncollectible"]),
        ),
      )
      .limit(1);
    if (overdue) {
      return fail("payment_overdue", {
        message: forSelf
          ? "A payment failed. Settle it on the Billing page, then book again."
          : "This creator has a failed payment to settle before booking again.",
      });
    }
  }
  // Only where the Billing page has "Add a card": the message never asks for the impossible.
  if (policies.cardOnFile === "not_required") return null;
  const payments = input.payments ?? (await paymentsTarget(db, workspaceId));
  if (cardRequired(policies, payments.canCharge) && payments.account !== null) {
    const hasCard = await hasCardOnFile(db, workspaceId, creatorId, payments.account);
    if (!hasCard) {
      return fail("card_required", {
        message: forSelf ? "Add a card on the Billing page before booking." : "This creator has no card on file yet.",
      });
    }
  }
  return null;
}

/** A card saved on the account the workspace charges now (a card on another account cannot pay its invoices). */
async function hasCardOnFile(db: DbOrTx, workspaceId: string, userId: string, account: string) {
  const [row] = await db
    .select({ id: stripeCustomers.id })
    .from(stripeCustomers)
    .where(
      and(
        eq(stripeCustomers.workspaceId, workspaceId),
        eq(stripeCustomers.userId, userId),
        eq(stripeCustomers.stripeAccount, account),
        isNotNull(stripeCustomers.defaultPaymentMethodId),
      ),
    );
  return Boolean(row);
}
