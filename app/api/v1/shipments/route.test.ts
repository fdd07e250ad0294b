import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { workspaces } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { makeMember } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import { POST } from "./route";

const ctx = { params: Promise.resolve({}) };

async function setup(currency: string) {
  const db = testDb();
  const w = await bookingWorld(db);
  await db.update(workspaces).set({ currency }).where(eq(workspaces.id, w.workspace.id));
  const brand = await makeMember(db, w.workspace.id, "brand");
  const { secret } = await createApiToken(db, brand.actor, { name: "t" });
  const post = (items: unknown[]) =>
    POST(
      new Request("http://localhost/api/v1/shipments", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ studioId: w.studio.id, items }),
      }),
      ctx,
    );
  return { post };
}

describe("POST /api/v1/shipments: declared values in major units of the workspace currency", () => {
  it("stores a JPY declared value of 12000 as 12000 yen, and answers 400 naming the item for ¥500.5", async () => {
    const { post } = await setup("JPY");
    const created = await post([{ sku: "SER-1", name: "Serum", quantity: 2, declaredValue: 12000 }]);
    expect(created.status).toBe(201);
    expect((await created.json()).items).toMatchObject([{ sku: "SER-1", declaredValueCents: 12000 }]);
    const refused = await post([
      { sku: "A", name: "A", quantity: 1 },
      { sku: "B", name: "B", quantity: 1, declaredValue: 500.5 },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect((await refused.json()).errors).toEqual([
      { field: "items.1.declaredValue", message: "JPY has no decimals: enter a whole amount like 6500" },
    ]);
  });

  it("still stores cents in USD, exactly (19.99 is 1999)", async () => {
    const { post } = await setup("USD");
    const created = await post([{ sku: "LIP-1", name: "Lipstick", quantity: 1, declaredValue: 19.99 }]);
    expect(created.status).toBe(201);
    expect((await created.json()).items).toMatchObject([{ declaredValueCents: 1999 }]);
  });
});
