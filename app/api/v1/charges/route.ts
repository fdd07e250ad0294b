import { apiRoute, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { pageJson } from "@/lib/api/pagination";
import { chargeListQuerySchema, chargeJson, listChargesPage } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

/** The ledger: a creator's own charges; owners' and managers' for every creator (or `?creatorId=`). */
export const GET = apiRoute("billing.view", async ({ req, member }) => {
  const q = parseQuery(req, chargeListQuerySchema);
  if (q instanceof Response) return q;
  const page = await listChargesPage(getDb(), member, q, { limit: q.limit, after: q.cursor });
  return pageJson(req, page, (r) => chargeJson(r.charge));
});

export const POST = methodNotAllowed(["GET"]);
