import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { getDb } from "@/lib/db";
import { findShipment } from "@/lib/samples/queries";
import { shipmentJson } from "@/lib/samples/schemas";

/** One shipment with its items, discrepancies and timeline; another brand's id is a 404. */
export const GET = apiRoute<{ id: string }>("shipments.view", async ({ member, params }) => {
  const found = await findShipment(getDb(), member, params.id);
  if (!found) return problem(404, { code: "not_found", detail: "No such shipment." });
  return json(shipmentJson(found.shipment, found.items, found.events));
});

export const POST = methodNotAllowed(["GET"]);
