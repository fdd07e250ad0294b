import { apiRoute, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { pageJson } from "@/lib/api/pagination";
import { getDb } from "@/lib/db";
import { inventoryPageQuerySchema, listStockPage } from "@/lib/samples/inventory";

/** Stock on hand the token may see, per place and owner: a brand its own, staff their studios'. */
export const GET = apiRoute("inventory.view", async ({ req, member }) => {
  const q = parseQuery(req, inventoryPageQuerySchema);
  if (q instanceof Response) return q;
  const page = await listStockPage(getDb(), member, { studioId: q.studioId }, { limit: q.limit, after: q.cursor });
  return pageJson(req, page, (r) => ({
    id: r.item.id,
    studioId: r.item.studioId,
    sku: r.item.sku,
    name: r.item.name,
    onHand: r.item.onHand,
    damaged: r.item.damaged,
    location: r.location ? { id: r.location.id, code: r.location.code, kind: r.location.kind } : null,
    owner: r.item.ownerCreatorId ? { creatorId: r.item.ownerCreatorId } : { brandId: r.item.ownerBrandId },
    shipment: r.shipmentId ? { id: r.shipmentId, code: r.shipmentCode } : null,
  }));
});

export const POST = methodNotAllowed(["GET"]);
