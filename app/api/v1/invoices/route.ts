import { apiRoute, json, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { billingListQuerySchema, invoiceJson, listInvoices } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

/** Invoices (one per session or fee event) with their status and Stripe's hosted and PDF links. */
export const GET = apiRoute("billing.view", async ({ req, member }) => {
  const q = parseQuery(req, billingListQuerySchema);
  if (q instanceof Response) return q;
  const rows = await listInvoices(getDb(), member, q);
  return json({ data: rows.map((r) => invoiceJson(r.invoice)) });
});

export const POST = methodNotAllowed(["GET"]);
