import { timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/** Every timestamp is `timestamp with time zone`, read as a UTC Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Ids are generated in the database. */
export const id = () => uuid("id").primaryKey().defaultRandom();

/** Every row of tenant data carries its workspace; deleting a workspace deletes its data. */
export const workspaceId = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });
