import { apiRoute, methodNotAllowed, parseQuery } from "@/lib/api/handler";
import { pageJson } from "@/lib/api/pagination";
import { invoiceListQuerySchema, invoiceJson, listInvoicesPage } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

/** Invoices (one per session or fee event) with their status and Stripe's hosted and PDF links. */
export const GET = apiRoute("billing.view", async ({ req, member }) => {
  const q = parseQuery(req, invoiceListQuerySchema);
  if (q instanceof Response) return q;
  const page = await listInvoicesPage(getDb(), member, q, { limit: q.limit, after: q.cursor });
  return pageJson(req, page, (r) => invoiceJson(r.invoice));
});

export const POST = methodNotAllowed(["GET"]);
