import { apiRoute, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { pageJson } from "@/lib/api/pagination";
import { getDb } from "@/lib/db";
import { inventoryPageQuerySchema, listStockPage } from "@/lib/samples/inventory";
import { stockJson } from "@/lib/samples/schemas";

/** Stock on hand the token may see, per place and owner: a brand its own, staff their studios'. */
export const GET = apiRoute("inventory.view", async ({ req, member }) => {
  const q = parseQuery(req, inventoryPageQuerySchema);
  if (q instanceof Response) return q;
  const page = await listStockPage(getDb(), member, { studioId: q.studioId }, { limit: q.limit, after: q.cursor });
  return pageJson(req, page, stockJson);
});

export const POST = methodNotAllowed(["GET"]);
