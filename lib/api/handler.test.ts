import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiToken } from "../auth/api-tokens";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { apiRoute, parseJson } from "./handler";

const schema = z.object({ name: z.string().min(1), quantity: z.number().int().positive() });
const post = (body: string, type = "application/json") =>
  new Request("http://localhost/api/v1/x", { method: "POST", body, headers: { "content-type": type } });

describe("parseJson", () => {
  it("answers 400 problem+json naming each invalid field", async () => {
    const res = (await parseJson(post(JSON.stringify({ name: "", quantity: -1 })), schema)) as Response;
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await res.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["name", "quantity"]);
  });

  it("answers 400 for malformed JSON and 415 for another media type", async () => {
    expect(((await parseJson(post("{not json"), schema)) as Response).status).toBe(400);
    expect(((await parseJson(post("name=x", "application/x-www-form-urlencoded"), schema)) as Response).status).toBe(
      415,
    );
  });

  it("returns the parsed data when valid", async () => {
    expect(await parseJson(post(JSON.stringify({ name: "Lip kit", quantity: 3 })), schema)).toEqual({
      name: "Lip kit",
      quantity: 3,
    });
  });
});

describe("apiRoute", () => {
  it("answers 403 when the role lacks the permission, and a generic 500 problem (no internals) for a bug", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "creator");
    const { secret } = await createApiToken(db, actor, { name: "t" });
    const headers = { authorization: `Bearer ${secret}` };
    const ctx = { params: Promise.resolve({}) };

    const forbidden = await apiRoute("members.manage", async () => new Response("never"))(
      new Request("http://localhost/x", { headers }),
      ctx,
    );
    expect(forbidden.status).toBe(403);

    const broken = await apiRoute("workspace.view", async () => {
      throw new Error("relation secret_table does not exist");
    })(new Request("http://localhost/x", { headers }), ctx);
    expect(broken.status).toBe(500);
    const text = await broken.text();
    expect(text).not.toContain("secret_table");
    expect(JSON.parse(text)).toMatchObject({ status: 500 });
  });
});
