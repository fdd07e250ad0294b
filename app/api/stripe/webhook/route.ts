import { problem } from "@/lib/api/problem";
import { statusOf } from "@/lib/api/problem-of";
import { getStripe } from "@/lib/billing/stripe-client";
import { handleStripeWebhook } from "@/lib/billing/webhooks";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { appNow } from "@/lib/clock";

/**
 * Stripe's webhook endpoint. The raw body is verified against STRIPE_WEBHOOK_SECRET (or STRIPE_CONNECT_WEBHOOK_SECRET); a bad signature answers 400
 * and writes nothing. 2xx tells Stripe the event is handled (or a duplicate); 500 asks it to deliver again.
 */
export async function POST(req: Request) {
  const stripe = getStripe();
  const env = getEnv();
  // The account's endpoint and, in platform mode, the Connect endpoint (its own signing secret) both post here.
  const secret = [env.STRIPE_WEBHOOK_SECRET, env.STRIPE_CONNECT_WEBHOOK_SECRET].filter((s): s is string => Boolean(s));
  if (!stripe || secret.length === 0)
    return problem(503, {
      code: "stripe_not_connected",
      title: "Service unavailable",
      detail: "Stripe is not connected on this server.",
    });
  try {
    const payload = await req.text();
    const r = await handleStripeWebhook(
      getDb(),
      stripe,
      { payload, signature: req.headers.get("stripe-signature"), secret },
      appNow(),
    );
    if (!r.ok) {
      // The statuses are the vocabulary's (lib/api/problem-of.ts): bad_signature 400, sync_failed 500 (deliver again).
      const detail = r.error === "bad_signature" ? r.message : "The event could not be synced yet; deliver it again.";
      return problem(statusOf(r.error), { code: r.error, detail });
    }
    return Response.json({ received: true, duplicate: r.value.duplicate });
  } catch (err) {
    logger.error({ err }, "stripe webhook failed");
    return problem(500, { code: "internal", detail: "Something went wrong; deliver the event again." });
  }
}
