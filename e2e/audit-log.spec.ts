import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { auditLog, users, workspaces } from "../db/schema";
import { e2eDb } from "./support/db";
import { demo, expect, expectAccessible, signInViaApi, test } from "./support/fixtures";

/** Issue 11, item 21: the owner's audit log, filterable and exportable. */
test("an owner finds who credited a charge in the audit log, filters it by topic and person, and downloads it as CSV", async ({
  page,
}) => {
  const db = e2eDb();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  const [manager] = await db
    .select()
    .from(users)
    .where(eq(users.email, demo("manager")));
  const [owner] = await db
    .select()
    .from(users)
    .where(eq(users.email, demo("owner")));
  const tag = randomUUID().slice(0, 8);
  await db.insert(auditLog).values([
    {
      workspaceId: ws.id,
      actorUserId: manager.id,
      action: "charge.credited",
      subjectType: "charge",
      subjectId: tag,
      data: { reason: `Goodwill ${tag}`, amountCents: 500 },
    },
    {
      workspaceId: ws.id,
      actorUserId: owner.id,
      action: "workspace.policies_updated",
      subjectType: "workspace",
      subjectId: ws.id,
      data: { note: `Policies ${tag}` },
    },
  ]);

  await signInViaApi(page.request, demo("owner"));
  await page.goto("/w/demo");
  await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const entries = page.getByRole("table", { name: "Audit log, newest first" });
  await expect(entries).toContainText(`Goodwill ${tag}`);
  await expect(entries).toContainText(`Policies ${tag}`);
  await expectAccessible(page);

  await test.step("money by the manager: only the credit", async () => {
    await page.getByLabel("Topic").selectOption("money");
    await page.getByLabel("Who").selectOption({ label: `${manager.name} (${manager.email})` });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/topic=money/);
    await expect(page.getByLabel("Topic")).toHaveValue("money");
    const row = entries.getByRole("row").filter({ hasText: `Goodwill ${tag}` });
    await expect(row).toContainText("Charge credited");
    await expect(row).toContainText(manager.name ?? manager.email);
    await expect(entries).not.toContainText(`Policies ${tag}`);
  });

  await test.step("the CSV has the same entries", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("audit-log-demo.csv");
    const text = await (
      await file.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(text.split("\r\n")[0]).toBe("when_utc,who,who_email,action,subject_type,subject_id,details");
    expect(text).toContain(`charge.credited,charge,${tag}`);
    expect(text).not.toContain(`Policies ${tag}`);
  });

  await test.step("a filter that makes no sense is said, not a crash", async () => {
    await page.goto("/w/demo/settings/audit?from=2026-02-30");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("from:");
  });
});
