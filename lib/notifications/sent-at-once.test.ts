import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeMember, makeUser, makeWorkspace } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { startTestSmtp } from "@/testing/smtp-server";
import { requestPasswordReset } from "../auth/accounts";
import { sendMagicLink } from "../auth/magic-link";
import { inviteMember } from "../workspaces/invitations";
import { inviteSchema } from "../workspaces/schemas";
import { listOutbox } from "./mailbox";
import { enqueueEmail } from "./outbox";

/**
 * Sign-in links, reset links and invitations are sent inside the request that asks for them (the person is
 * waiting): that one email only, never the rest of the outbox, which may hold other workspaces' mail.
 */
const now = new Date("2026-11-21T10:00:00Z");
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let mail = { smtpUrl: "", from: "Livebase <no-reply@livebase.test>" };

beforeAll(async () => {
  smtp = await startTestSmtp();
  mail = { ...mail, smtpUrl: smtp.url };
});
afterAll(() => smtp.close());

/** Another workspace's emails, queued for the job loop. */
async function othersQueued() {
  const db = testDb();
  const { workspace } = await makeWorkspace(db);
  for (let i = 0; i < 3; i++) {
    await enqueueEmail(db, {
      to: `queued-${i}-${workspace.slug}@example.test`,
      workspaceId: workspace.id,
      subject: "Theirs",
      text: "t",
      kind: "booking.confirmed",
    });
  }
}

beforeEach(async () => {
  await othersQueued();
  smtp.received.length = 0;
});

describe("emails sent at once", () => {
  it("a password reset sends its own email and nothing else", async () => {
    const user = await makeUser(testDb());
    await requestPasswordReset(testDb(), { email: user.email, appUrl: "http://app.test", now, mail });
    expect(smtp.received.map((m) => m.to)).toEqual([user.email]);
    const [row] = await listOutbox(testDb(), { to: user.email, limit: 1 });
    expect(row).toMatchObject({ kind: "auth.password_reset", status: "sent" });
  });

  it("an invitation sends its own email and nothing else", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "owner");
    const invitee = `invitee-${workspace.slug}@example.test`;
    const r = await inviteMember(db, actor, inviteSchema.parse({ email: invitee, role: "creator" }), {
      appUrl: "http://app.test",
      now,
      mail,
    });
    expect(r.ok).toBe(true);
    expect(smtp.received.map((m) => m.to)).toEqual([invitee]);
  });

  it("a sign-in link sends its own email, on our own address, and nothing else", async () => {
    const to = `magic-${Math.random().toString(36).slice(2, 10)}@example.test`;
    const forged = "http://evil.example/api/auth/callback/email?token=abc123&email=x";
    await sendMagicLink(testDb(), { to, url: forged, appUrl: "http://app.test", now, mail });
    expect(smtp.received.map((m) => m.to)).toEqual([to]);
    const [row] = await listOutbox(testDb(), { to, limit: 1 });
    expect(row).toMatchObject({ kind: "auth.magic_link", status: "sent" });
    expect(row.text).toContain("http://app.test/api/auth/callback/email?token=abc123");
    expect(row.text).not.toContain("evil.example");
  });

  it("without SMTP nothing is sent inside the request: the email waits in the outbox for the dev mailbox", async () => {
    const user = await makeUser(testDb());
    await requestPasswordReset(testDb(), {
      email: user.email,
      appUrl: "http://app.test",
      now,
      mail: { smtpUrl: undefined, from: mail.from },
    });
    expect(smtp.received).toEqual([]);
    expect((await listOutbox(testDb(), { to: user.email, limit: 1 }))[0].status).toBe("queued");
  });
});
