import { apiRoute, json, parseJson, parseQuery } from "@/lib/api/handler";
import { pageJson } from "@/lib/api/pagination";
import { problemOf } from "@/lib/api/problem-of";
import { getDb } from "@/lib/db";
import { createShipment } from "@/lib/samples/create-shipment";
import { itemsOfShipments, listShipmentsPage, shipmentPageQuerySchema } from "@/lib/samples/queries";
import { createShipmentSchema, shipmentJson } from "@/lib/samples/schemas";

/** Shipments the token may see: a brand's own, a creator's addressed to them, staff their studios'. */
export const GET = apiRoute("shipments.view", async ({ req, member }) => {
  const q = parseQuery(req, shipmentPageQuerySchema);
  if (q instanceof Response) return q;
  const db = getDb();
  const page = await listShipmentsPage(db, member, q, { limit: q.limit, after: q.cursor });
  const items = await itemsOfShipments(
    db,
    page.rows.map((r) => r.shipment.id),
  );
  return pageJson(req, page, (r) =>
    shipmentJson(
      r.shipment,
      items.filter((i) => i.shipmentId === r.shipment.id),
    ),
  );
});

/** A brand announces a shipment to a studio; 201 with its code (for the label) and items. */
export const POST = apiRoute(
  "shipments.create",
  async ({ req, member, now }) => {
    const body = await parseJson(req, createShipmentSchema);
    if (body instanceof Response) return body;
    const r = await createShipment(getDb(), member, body, now);
    if (!r.ok) return problemOf(r, "shipment");
    return json(shipmentJson(r.value.shipment, r.value.items), 201);
  },
  { idempotent: true },
);
