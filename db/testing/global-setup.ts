import type { TestProject } from "vitest/node";
import { startEmbedded, type EmbeddedServer } from "../embedded";
import { runMigrations } from "../migrate";

let embedded: EmbeddedServer | null = null;

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgres" | "pglite";
  }
}

export async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded("memory://");
    url = embedded.url;
  }
  await runMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("databaseKind", process.env.DATABASE_URL ? "postgres" : "pglite");
}

export async function teardown() {
  await embedded?.stop();
}
