import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { studios } from "@/db/schema";

/** The workspace's studios, the first one created first (its zone dates the charges that have no studio). */
export async function reportStudios(db: DbOrTx, workspaceId: string) {
  return db
    .select({ id: studios.id, name: studios.name, timeZone: studios.timeZone, openingHours: studios.openingHours })
    .from(studios)
    .where(eq(studios.workspaceId, workspaceId))
    .orderBy(asc(studios.createdAt), asc(studios.name), asc(studios.id)); // the first is workspaceTimeZone's studio
}
