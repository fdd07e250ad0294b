import { openApiDocument } from "@/lib/api/openapi";
import { getEnv } from "@/lib/env";

/** The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the handlers use. Public. */
export function GET() {
  return Response.json(openApiDocument(getEnv().APP_URL), { headers: { "cache-control": "public, max-age=300" } });
}
