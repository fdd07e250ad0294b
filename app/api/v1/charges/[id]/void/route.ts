import { problemOf } from "@/lib/api/problem-of";
import { apiRoute, json, methodNotAllowed, parseJson } from "@/lib/api/handler";
import { voidCharge } from "@/lib/billing/void-charge";
import { voidChargeSchema } from "@/lib/billing/schemas";
import { chargeJson } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

/** Voids a charge not yet invoiced, with a reason (kept on the row and in the audit log). */
export const POST = apiRoute<{ id: string }>("billing.manage", async ({ req, member, params, now }) => {
  const body = await parseJson(req, voidChargeSchema);
  if (body instanceof Response) return body;
  const r = await voidCharge(getDb(), member, params.id, body, now);
  return r.ok ? json(chargeJson(r.value)) : problemOf(r, "charge");
});

export const GET = methodNotAllowed(["POST"]);
