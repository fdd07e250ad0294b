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
      for (const m of source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)/g))
        out.push(`${m[1]} /api/v1${prefix}`);
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
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const routes = discoverOperations().filter((op) => !op.endsWith("/openapi.json"));
    expect(routes.sort()).toEqual(documented.sort());
  });

  it("describes the booking body from the handler's own schema", () => {
    const post = doc.paths["/api/v1/bookings"].post as {
      requestBody: {
        content: {
          "application/json": { schema: { required: string[]; properties: Record<string, { format?: string }> } };
        };
      };
    };
    const body = post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["roomId", "startsAt", "endsAt"]));
    expect(body.properties.startsAt.format).toBe("date-time");
  });
});

type Param = { name: string; in: string; schema: { enum?: string[]; maximum?: number; maxLength?: number } };
type Op = {
  parameters: Param[];
  responses: Record<
    string,
    {
      headers?: Record<string, unknown>;
      content?: Record<string, { schema: { properties?: Record<string, { type?: unknown }> } }>;
    }
  >;
};

describe("OpenAPI document: lists and idempotency", () => {
  const doc = openApiDocument("http://localhost:3000");
  const ops = Object.entries(doc.paths).flatMap(([p, byMethod]) =>
    Object.entries(byMethod).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op: op as Op })),
  );
  // Free start times are computed for a bounded range (from..to), not rows read from a table: not paged.
  const notPaged = ["GET /api/v1/availability"];

  it("pages every list (an answer with a `data` array) with limit and cursor, and says so in the answer", () => {
    const lists = ops.filter(
      ({ key, op }) =>
        key.startsWith("GET") &&
        op.responses["200"].content?.["application/json"].schema.properties?.data &&
        !notPaged.includes(key),
    );
    expect(lists.map((l) => l.key).sort()).toEqual([
      "GET /api/v1/bookings",
      "GET /api/v1/charges",
      "GET /api/v1/inventory",
      "GET /api/v1/invoices",
      "GET /api/v1/shipments",
      "GET /api/v1/studios",
    ]);
    for (const { key, op } of lists) {
      const params = Object.fromEntries(op.parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
      expect(params.limit?.schema.maximum, key).toBe(200);
      expect(params.cursor, key).toBeDefined();
      expect(Object.keys(op.responses["200"].content!["application/json"].schema.properties!), key).toEqual(
        expect.arrayContaining(["data", "hasMore", "nextCursor"]),
      );
      expect(op.responses["200"].headers?.link, key).toBeDefined();
      expect(op.responses["400"], key).toBeDefined();
    }
  });

  it("documents `when` of GET /bookings", () => {
    const get = doc.paths["/api/v1/bookings"].get as Op;
    expect(get.parameters.find((p) => p.name === "when")?.schema.enum).toEqual(["upcoming", "past", "all"]);
  });

  it("documents Idempotency-Key on exactly the POSTs whose route honours it, and every POST that answers 201 honours it", () => {
    const honoured: string[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory())
          walk(full, `${prefix}/${entry.startsWith("[") ? `{${entry.slice(1, -1)}}` : entry}`);
        else if (
          entry === "route.ts" &&
          /export const POST = apiRoute[\s\S]*\{ idempotent: true \},?\s*\);/.test(readFileSync(full, "utf8"))
        )
          honoured.push(`POST /api/v1${prefix}`);
      }
    };
    walk(path.resolve("app/api/v1"), "");
    const documented = ops
      .filter(({ op }) => op.parameters.some((p) => p.in === "header" && p.name === "Idempotency-Key"))
      .map((o) => o.key);
    expect(documented.sort()).toEqual(honoured.sort());
    const creating = ops.filter(({ key, op }) => key.startsWith("POST") && op.responses["201"]).map((o) => o.key);
    expect(honoured).toEqual(expect.arrayContaining(creating));
    expect(honoured).toEqual(
      expect.arrayContaining([
        "POST /api/v1/bookings",
        "POST /api/v1/bookings/series",
        "POST /api/v1/shipments",
        "POST /api/v1/waitlist",
      ]),
    );
    for (const key of documented) {
      const op = ops.find((o) => o.key === key)!.op;
      expect(op.parameters.find((p) => p.name === "Idempotency-Key")?.schema.maxLength, key).toBe(255);
      expect(op.responses["409"] && op.responses["422"], key).toBeDefined();
    }
  });
});
