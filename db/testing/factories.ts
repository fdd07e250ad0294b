import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Db } from "../client";
import { brands, memberships, rooms, studios, users, workspaces, type Role } from "../schema";

const uid = () => randomUUID().slice(0, 8);

/** A workspace of its own for one test: every test works in isolation on a shared database. */
export async function makeWorkspace(db: Db) {
  const id = uid();
  const [ws] = await db
    .insert(workspaces)
    .values({ slug: `t-${id}`, name: `Test ${id}` })
    .returning();
  const [studio] = await db
    .insert(studios)
    .values({
      workspaceId: ws.id,
      currency: "USD",
      name: `Studio ${id}`,
      timeZone: "America/Los_Angeles",
      openingHours: [],
    })
    .returning();
  const [room] = await db
    .insert(rooms)
    .values({ workspaceId: ws.id, studioId: studio.id, name: "Set A", hourlyRateCents: 5000, bufferMinutes: 15 })
    .returning();
  return { workspace: ws, studio, room };
}

let cachedHash: Promise<string> | null = null;
export const TEST_PASSWORD = "correct horse battery";

export async function makeUser(db: Db, opts: { email?: string; name?: string } = {}) {
  cachedHash ??= hash(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: opts.email ?? `u-${uid()}@example.test`,
      name: opts.name ?? "Test User",
      passwordHash: await cachedHash,
    })
    .returning();
  return user;
}

/** A user with a role in a workspace, as the Actor the use cases take. */
export async function makeMember(
  db: Db,
  workspaceId: string,
  role: Role,
  opts: { studioIds?: string[]; brandName?: string } = {},
) {
  const user = await makeUser(db);
  let brandId: string | null = null;
  if (role === "brand") {
    const [b] = await db
      .insert(brands)
      .values({ workspaceId, name: opts.brandName ?? `Brand ${uid()}` })
      .returning();
    brandId = b.id;
  }
  const [m] = await db
    .insert(memberships)
    .values({ workspaceId, userId: user.id, role, studioIds: opts.studioIds ?? [], brandId })
    .returning();
  return {
    user,
    membershipId: m.id,
    actor: { userId: user.id, workspaceId, role, studioIds: m.studioIds, brandId, name: user.name, email: user.email },
  };
}
