import { eq, inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { deliverQueuedEmails, enqueueEmail } from "./outbox";

const received: { to: string; body: string }[] = [];
let server: SMTPServer;
let smtpUrl = "";

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (c: Buffer) => (body += c.toString()));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address() as { port: number };
  smtpUrl = `smtp://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("email outbox", () => {
  it("sends each queued message exactly once over SMTP, even with two senders at once, and marks it sent", async () => {
    const db = testDb();
    const tag = Math.random().toString(36).slice(2, 10);
    const ids = await Promise.all(
      [1, 2, 3].map((i) => enqueueEmail(db, { to: `out-${tag}-${i}@example.test`, subject: `Hello ${i}`, text: `Body ${tag} ${i}`, kind: "test" })),
    );
    const config = { smtpUrl, from: "Livebase <no-reply@livebase.test>" };
    await Promise.all([deliverQueuedEmails(db, config, 500), deliverQueuedEmails(db, config, 500)]);
    const mine = received.filter((r) => r.to.includes(`out-${tag}-`));
    expect(mine.map((m) => m.to).sort()).toEqual([1, 2, 3].map((i) => `out-${tag}-${i}@example.test`));
    const rows = await db.select().from(notifications).where(inArray(notifications.id, ids));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.sentAt)).toBe(true);
  });

  it("keeps a message that SMTP refused, marked failed with the reason, and leaves the outbox alone without SMTP", async () => {
    const db = testDb();
    const id = await enqueueEmail(db, { to: "nobody@example.test", subject: "s", text: "t", kind: "test" });
    expect(await deliverQueuedEmails(db, { smtpUrl: undefined, from: "x@y.test" })).toBe(0);
    const [before] = await db.select().from(notifications).where(eq(notifications.id, id));
    expect(before.status).toBe("queued");
    // Nothing listens on port 9: the message stays, marked failed, to be retried.
    await deliverQueuedEmails(db, { smtpUrl: "smtp://127.0.0.1:9", from: "x@y.test" }, 500);
    const [after] = await db.select().from(notifications).where(eq(notifications.id, id));
    expect(after.status).toBe("failed");
    expect(after.lastError).toBeTruthy();
  });
});
