import { requireRouteMember } from "@/lib/auth/require-member";
import { continueOnboarding, platformStripe } from "@/lib/billing/connect";
import { appNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

/**
 * Stripe's refresh_url: the onboarding link expired or was used (a reload, a link opened twice). Makes a new one
 * and sends the owner on to it; if that fails, back to the Payments page, which says so.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await ctx.params;
  const page = `/w/${encodeURIComponent(workspace)}/settings/payments`;
  const member = await requireRouteMember({ workspace, permission: "payments.manage", returnTo: page });
  if (member instanceof Response) return member;
  const stripe = platformStripe();
  const base = `${getEnv().APP_URL}${page}`;
  if (!stripe.ok) return Response.redirect(base, 303);
  const link = await continueOnboarding(getDb(), stripe.value, member, { baseUrl: base, now: appNow() });
  return Response.redirect(link.ok ? link.value.url : `${base}?from-stripe=no-link`, 303);
}
