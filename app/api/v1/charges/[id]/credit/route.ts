import { problemOf } from "@/lib/api/problem-of";
import { apiRoute, json, methodNotAllowed, parseJson } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { creditCharge } from "@/lib/billing/credit-charge";
import { creditChargeSchema } from "@/lib/billing/schemas";
import { chargeJson } from "@/lib/billing/list-billing";
import { getDb } from "@/lib/db";

const creditBodySchema = creditChargeSchema.omit({ requestId: true });

/**
 * Credits an invoiced charge (amount in major units of the charge's currency: 12.50 for USD, 500 for JPY) with a reason. Send an
 * `Idempotency-Key` header to make a retry safe: the same key answers the same credit.
 */
export const POST = apiRoute<{ id: string }>(
  "billing.manage",
  async ({ req, member, params, now }) => {
    const body = await parseJson(req, creditBodySchema);
    if (body instanceof Response) return body;
    const key = req.headers.get("idempotency-key")?.trim();
    if (key !== undefined && (key.length < 8 || key.length > 100))
      return problem(400, {
        code: "validation",
        detail: "Idempotency-Key must be 8 to 100 characters.",
        errors: [{ field: "Idempotency-Key", message: "8 to 100 characters" }],
      });
    const r = await creditCharge(
      getDb(),
      member,
      params.id,
      { ...body, requestId: key ? `api:${member.userId}:${key}` : undefined },
      now,
    );
    return r.ok ? json(chargeJson(r.value), 201) : problemOf(r, "charge");
  },
  { idempotent: true },
);

export const GET = methodNotAllowed(["POST"]);
