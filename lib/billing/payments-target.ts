import { and, count, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import type { DbOrTx } from "@/db/client";
import { invoices, stripeConnectedAccounts } from "@/db/schema";
import { getEnv } from "../env";
import { paymentsMode, type PaymentsMode } from "./connect";
import { getStripe } from "./stripe-client";
import { fail, ok, type Result } from "../result";
import type { StripeAt } from "./stripe-client";

/**
 * Where a workspace's creators pay, decided in one place for the booking gate, the Billing page, the invoicing job
 * and the webhooks:
 * - unconfigured (no STRIPE_SECRET_KEY): nowhere; charges and invoices stay in the ledger ("not sent").
 * - single-operator mode: the server's own account (`account` ""), always able to charge.
 * - platform mode: the workspace's connected account, able to charge once Stripe says `charges_enabled`. Until
 *   then no card is asked for and invoices wait unsent (they go out when the account is ready).
 */
export type PaymentsTarget = {
  mode: PaymentsMode;
  stripe: Stripe | null;
  /** The Stripe account the workspace's customers and invoices live on; null when there is none (yet). */
  account: string | null;
  /** Whether cards can be saved and invoices charged now. */
  canCharge: boolean;
  /** Why not, in words for the owner (null when it can). */
  waitingReason: string | null;
};

export const NOT_READY_WORDS = {
  notConnected:
    "This workspace has not connected its Stripe account yet, so invoices wait unsent and no card is asked for. An owner connects it in Settings → Payments.",
  notEnabled:
    "Stripe has not enabled charges on this workspace's account yet, so invoices wait unsent and no card is asked for. An owner finishes the details Stripe asks for in Settings → Payments.",
} as const;

export async function paymentsTarget(
  db: DbOrTx,
  workspaceId: string,
  opts: { stripe?: Stripe | null; mode?: PaymentsMode } = {},
): Promise<PaymentsTarget> {
  const stripe = opts.stripe === undefined ? getStripe() : opts.stripe;
  const mode = opts.mode ?? paymentsMode(getEnv());
  if (mode === "unconfigured" || !stripe)
    return { mode: "unconfigured", stripe: null, account: null, canCharge: false, waitingReason: null };
  if (mode === "single") return { mode, stripe, account: "", canCharge: true, waitingReason: null };
  const [row] = await db
    .select({
      account: stripeConnectedAccounts.stripeAccountId,
      chargesEnabled: stripeConnectedAccounts.chargesEnabled,
    })
    .from(stripeConnectedAccounts)
    .where(eq(stripeConnectedAccounts.workspaceId, workspaceId));
  if (!row) return { mode, stripe, account: null, canCharge: false, waitingReason: NOT_READY_WORDS.notConnected };
  return {
    mode,
    stripe,
    account: row.account,
    canCharge: row.chargesEnabled,
    waitingReason: row.chargesEnabled ? null : NOT_READY_WORDS.notEnabled,
  };
}

/**
 * The Stripe account cards are saved on and invoices charged to now: a Result whose failure says why not in words a
 * creator can act on (no Stripe on this server; the studio's account not ready yet, when no card is needed).
 */
export function chargingAt(p: PaymentsTarget): Result<StripeAt, "not_connected" | "not_ready"> {
  if (!p.stripe)
    return fail("not_connected", {
      message: "Stripe is not connected, so cards cannot be saved here. Settle invoices with the studio.",
    });
  if (!p.canCharge || p.account === null) {
    return fail("not_ready", {
      message:
        "The studio is finishing its payment setup with Stripe, so cards cannot be saved yet. No card is needed to book meanwhile.",
    });
  }
  return ok({ stripe: p.stripe, account: p.account });
}

/** Invoices assembled but not sent to Stripe yet (in platform mode, those waiting for the account to take charges). */
export async function unsentInvoiceCount(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(invoices)
    .where(and(eq(invoices.workspaceId, workspaceId), eq(invoices.status, "draft"), isNull(invoices.stripeInvoiceId)));
  return row?.n ?? 0;
}
