import type { z } from "zod";
import { getDb } from "../db";
import { logger } from "../logger";
import { findTokenMember, type Member } from "../auth/member";
import { resolveApiToken } from "../auth/api-tokens";
import { can, type Permission } from "../auth/permissions";
import { fieldErrors, problem } from "./problem";
import { appNow } from "../clock";
import { withIdempotency } from "./idempotency";

/** Resolves `Authorization: Bearer <token>` to a member, or a 401 problem. */
export async function authenticateBearer(req: Request, now: Date): Promise<Member | Response> {
  const found = await bearerMember(req, now);
  return found instanceof Response ? found : found.member;
}

async function bearerMember(req: Request, now: Date): Promise<{ member: Member; tokenId: string } | Response> {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match)
    return problem(401, { code: "unauthenticated", detail: "Send an API token as `Authorization: Bearer <token>`." });
  const db = getDb();
  const token = await resolveApiToken(db, match[1], now);
  if (!token) return problem(401, { code: "invalid_token", detail: "The token is unknown or has been revoked." });
  const member = await findTokenMember(db, token);
  if (!member) return problem(401, { code: "invalid_token", detail: "The token's membership no longer exists." });
  return { member, tokenId: token.id };
}

type Ctx<P> = { params: Promise<P> };

/**
 * Wraps a /api/v1 route handler: the Bearer gate, the permission, and a last guard that turns anything
 * unexpected into a generic 500 problem (logged with context, never sent to the client). `idempotent: true` (every
 * POST that creates something) honours `Idempotency-Key` per token: see withIdempotency.
 */
export function apiRoute<P = Record<string, string>>(
  permission: Permission,
  handler: (ctx: { req: Request; member: Member; params: P; now: Date }) => Promise<Response>,
  options: { idempotent?: boolean } = {},
) {
  return async (req: Request, ctx: Ctx<P>) => {
    const now = appNow();
    try {
      const found = await bearerMember(req, now);
      if (found instanceof Response) return found;
      const { member, tokenId } = found;
      if (!can(member, permission))
        return problem(403, { code: "forbidden", detail: "Your role does not allow this." });
      const params = await ctx.params;
      if (options.idempotent)
        return await withIdempotency(getDb(), { req, tokenId, now }, () => handler({ req, member, params, now }));
      return await handler({ req, member, params, now });
    } catch (err) {
      logger.error({ err, method: req.method, url: req.url }, "api handler failed");
      return problem(500, { code: "internal", detail: "Something went wrong on our side. It has been logged." });
    }
  };
}

/** Parses a JSON body with a schema: a 400/415 problem naming the fields, or the data. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S> | Response> {
  if (!req.headers.get("content-type")?.includes("application/json")) {
    return problem(415, { code: "unsupported_media_type", detail: "Send the body as application/json." });
  }
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return problem(400, { code: "malformed_json", detail: "The body is not valid JSON." });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return problem(400, {
      code: "validation",
      detail: "Some fields are invalid.",
      errors: fieldErrors(parsed.error.issues),
    });
  }
  return parsed.data;
}

export function json(data: unknown, status = 200) {
  return Response.json(data, { status });
}

/** For the methods a resource does not support: a 405 problem with the Allow header, like every /api/v1 error. */
export function methodNotAllowed(allowed: string[]) {
  return async () => {
    const res = problem(405, { code: "method_not_allowed", detail: `This endpoint supports ${allowed.join(", ")}.` });
    res.headers.set("allow", allowed.join(", "));
    return res;
  };
}

/** Parses the query string with a schema: a 400 problem naming the fields, or the data. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> | Response {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    return problem(400, {
      code: "validation",
      detail: "Some query parameters are invalid.",
      errors: fieldErrors(parsed.error.issues),
    });
  }
  return parsed.data;
}
