import { apiRoute, json, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { billingListQuerySchema, chargeJson, listCharges } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

/** The ledger: a creator's own charges; owners' and managers' for every creator (or `?creatorId=`). */
export const GET = apiRoute("billing.view", async ({ req, member }) => {
  const q = parseQuery(req, billingListQuerySchema);
  if (q instanceof Response) return q;
  const rows = await listCharges(getDb(), member, q);
  return json({ data: rows.map((r) => chargeJson(r.charge)) });
});

export const POST = methodNotAllowed(["GET"]);
