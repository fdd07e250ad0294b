import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

/** Every route.ts under app/api/v1, as "METHOD /path" with {param} placeholders (405-only methods excluded). */
function discoverOperations(dir = path.resolve("app/api/v1"), prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("[...")) continue; // the catch-all 404
      const segment = entry.startsWith("[") ? `{${entry.slice(1, -1)}}` : entry;
      out.push(...discoverOperations(full, `${prefix}/${segment}`));
    } else if (entry === "route.ts") {
      const source = readFileSync(full, "utf8");
      // `export const POST = methodNotAllowed([...])` and aliases of it (`export const PUT = POST`) are 405s.
      const refused = new Set<string>();
      const exported = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = (\w+)/g)];
      for (const [, name, rhs] of exported) if (rhs === "methodNotAllowed" || refused.has(rhs)) refused.add(name);
      for (const [, name] of exported) if (!refused.has(name)) out.push(`${name} /api/v1${prefix}`);
      for (const m of source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)/g)) out.push(`${m[1]} /api/v1${prefix}`);
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000");

  it("is OpenAPI 3.1 with a Bearer scheme and the Problem schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Problem).toMatchObject({ type: "object" });
  });

  it("documents every operation of app/api/v1 (a new route fails here until it is described)", () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const routes = discoverOperations().filter((op) => !op.endsWith("/openapi.json"));
    expect(routes.sort()).toEqual(documented.sort());
  });

  it("describes the booking body from the handler's own schema", () => {
    const post = doc.paths["/api/v1/bookings"].post as { requestBody: { content: { "application/json": { schema: { required: string[]; properties: Record<string, { format?: string }> } } } } };
    const body = post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["roomId", "startsAt", "endsAt"]));
    expect(body.properties.startsAt.format).toBe("date-time");
  });
});
