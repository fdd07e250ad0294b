import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { chargeJson, findInvoice, invoiceJson } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

/** One invoice with its charges: its creator's, or any for owners and managers; anyone else's id is a 404. */
export const GET = apiRoute<{ id: string }>("billing.view", async ({ member, params }) => {
  const found = await findInvoice(getDb(), member, params.id);
  if (!found) return problem(404, { code: "not_found", detail: "No such invoice." });
  return json({ ...invoiceJson(found.invoice), charges: found.charges.map(chargeJson) });
});

export const POST = methodNotAllowed(["GET"]);
