import { requireRouteMember } from "@/lib/auth/require-member";
import { platformStripe, refreshAccount } from "@/lib/billing/connect";
import { appNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

/**
 * Stripe's return_url after onboarding: re-reads the account (Stripe may not have sent account.updated yet) and
 * shows the Payments page with its state. Coming back says nothing about what was submitted; the account does.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await ctx.params;
  const page = `/w/${encodeURIComponent(workspace)}/settings/payments`;
  const member = await requireRouteMember({ workspace, permission: "payments.manage", returnTo: page });
  if (member instanceof Response) return member;
  const stripe = platformStripe();
  let outcome = "back";
  if (stripe.ok) outcome = (await refreshAccount(getDb(), stripe.value, member, appNow())).ok ? "back" : "unread";
  return Response.redirect(`${getEnv().APP_URL}${page}?from-stripe=${outcome}`, 303);
}
