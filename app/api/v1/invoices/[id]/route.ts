import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { charges, invoices } from "@/db/schema";
import { visibleInvoices } from "@/lib/billing/ledger";
import { chargeJson, invoiceJson } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

/** One invoice with its charges: its creator's, or any for owners and managers; anyone else's id is a 404. */
export const GET = apiRoute<{ id: string }>("billing.view", async ({ member, params }) => {
  if (!z.uuid().safeParse(params.id).success) return problem(404, { code: "not_found", detail: "No such invoice." });
  const db = getDb();
  const [inv] = await db.select().from(invoices).where(and(eq(invoices.id, params.id), visibleInvoices(member)));
  if (!inv) return problem(404, { code: "not_found", detail: "No such invoice." });
  const rows = await db.select().from(charges).where(eq(charges.invoiceId, inv.id)).orderBy(asc(charges.createdAt), asc(charges.idempotencyKey));
  return json({ ...invoiceJson(inv), charges: rows.map(chargeJson) });
});

export const POST = methodNotAllowed(["GET"]);
