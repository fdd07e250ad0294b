import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { GET } from "./route";
import { GET as unknownGet } from "../[...path]/route";

const ctx = { params: Promise.resolve({}) };
const get = (headers: Record<string, string> = {}) => GET(new Request("http://localhost/api/v1/me", { headers }), ctx);

describe("GET /api/v1/me", () => {
  it("returns the user, workspace and role behind a token", async () => {
    const db = testDb();
    const { workspace, studio } = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "staff", { studioIds: [studio.id] });
    const { secret } = await createApiToken(db, actor, { name: "t" });
    const res = await get({ authorization: `Bearer ${secret}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user: { id: actor.userId, email: actor.email },
      workspace: { slug: workspace.slug },
      role: "staff",
      studioIds: [studio.id],
    });
  });

  it.each([
    ["no header", {}],
    ["a bad token", { authorization: "Bearer lb_nope" }],
    ["a malformed header", { authorization: "Basic abc" }],
  ])("answers 401 problem+json for %s", async (_name, headers) => {
    const res = await get(headers);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 401, title: "Unauthorized" });
  });

  it("answers 404 problem+json for an unknown endpoint", async () => {
    const res = await unknownGet();
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
