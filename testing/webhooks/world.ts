import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import type { WebhookEvent } from "@/lib/webhooks/events";

/**
 * A workspace with two brands (and an owner), plus a brand in another workspace, for webhook tests. `endpoint`
 * creates one for the first brand, pointing at `url`.
 */
export async function webhookWorld(db: Db, now: Date) {
  const { workspace } = await makeWorkspace(db);
  const other = await makeWorkspace(db);
  const brand = await makeMember(db, workspace.id, "brand");
  const rival = await makeMember(db, workspace.id, "brand");
  const owner = await makeMember(db, workspace.id, "owner");
  const foreign = await makeMember(db, other.workspace.id, "brand");
  const endpoint = async (url: string, opts: { events?: WebhookEvent[]; actor?: typeof brand.actor } = {}) => {
    const created = await createEndpoint(
      db,
      opts.actor ?? brand.actor,
      { url, description: "", events: opts.events ?? [] },
      now,
      { allowPrivateHosts: true },
    );
    if (!created.ok) throw new Error(created.error);
    return created.value;
  };
  return { workspace, brand, rival, owner, foreign, endpoint, tag: randomUUID().slice(0, 8) };
}
