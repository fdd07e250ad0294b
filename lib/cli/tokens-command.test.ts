import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it, inject } from "vitest";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { resolveApiToken } from "../auth/api-tokens";

const run = promisify(execFile);

describe("npm run --silent cli -- tokens create", () => {
  it("prints the token alone on stdout, and the token works", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "creator");
    const env = { ...process.env, DATABASE_URL: inject("databaseUrl") };
    const { stdout } = await run(
      "npm",
      ["run", "--silent", "cli", "--", "tokens", "create", "--email", actor.email, "--workspace", workspace.slug],
      { env },
    );
    expect(stdout).toMatch(/^lb_[A-Za-z0-9_-]{43}\n$/);
    expect(await resolveApiToken(db, stdout.trim(), new Date())).toMatchObject({ userId: actor.userId });
  });

  it("exits non-zero with a message for someone who is not a member", async () => {
    const env = { ...process.env, DATABASE_URL: inject("databaseUrl") };
    const err = await run(
      "npm",
      ["run", "--silent", "cli", "--", "tokens", "create", "--email", "nobody@example.test", "--workspace", "demo"],
      { env },
    ).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stdout).toBe("");
    expect(err.stderr).toContain("is not a member");
  });
});
