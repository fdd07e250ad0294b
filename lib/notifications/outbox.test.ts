import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { startTestSmtp } from "@/testing/smtp-server";
import { deliverEmail, deliverQueuedEmails, enqueueEmail } from "./outbox";

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let smtpUrl = "";
let received: Awaited<ReturnType<typeof startTestSmtp>>["received"] = [];

beforeAll(async () => {
  smtp = await startTestSmtp();
  smtpUrl = smtp.url;
  received = smtp.received;
});

afterAll(() => smtp.close());

describe("email outbox", () => {
  it("sends each queued message exactly once over SMTP, even with two senders at once, and marks it sent", async () => {
    const db = testDb();
    const tag = Math.random().toString(36).slice(2, 10);
    const ids = (
      await Promise.all(
        [1, 2, 3].map((i) =>
          enqueueEmail(db, {
            to: `out-${tag}-${i}@example.test`,
            subject: `Hello ${i}`,
            text: `Body ${tag} ${i}`,
            kind: "test",
          }),
        ),
      )
    ).map((id) => id!);
    // The database is shared with other test files, whose emails wait in the outbox too (hundreds, with the
    // reminders test): made the oldest, these three are the first a sender takes, and 3 each is enough.
    await db
      .update(notifications)
      .set({ createdAt: sql`${notifications.createdAt} - interval '100 years'` })
      .where(inArray(notifications.id, ids));
    const config = { smtpUrl, from: "Livebase <no-reply@livebase.test>" };
    await Promise.all([deliverQueuedEmails(db, config, new Date(), 3), deliverQueuedEmails(db, config, new Date(), 3)]);
    const mine = received.filter((r) => r.to.includes(`out-${tag}-`));
    expect(mine.map((m) => m.to).sort()).toEqual([1, 2, 3].map((i) => `out-${tag}-${i}@example.test`));
    const rows = await db.select().from(notifications).where(inArray(notifications.id, ids));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.sentAt)).toBe(true);
  });

  it("keeps a message that SMTP refused, marked failed with the reason, and leaves the outbox alone without SMTP", async () => {
    const db = testDb();
    const id = await enqueueEmail(db, { to: "nobody@example.test", subject: "s", text: "t", kind: "test" });
    expect(await deliverQueuedEmails(db, { smtpUrl: undefined, from: "x@y.test" }, new Date())).toBe(0);
    expect(await deliverEmail(db, { smtpUrl: undefined, from: "x@y.test" }, id, new Date())).toBe(false);
    const [before] = await db.select().from(notifications).where(eq(notifications.id, id!));
    expect(before.status).toBe("queued");
    // Nothing listens on port 9: the message stays, marked failed, for the job loop to retry.
    expect(await deliverEmail(db, { smtpUrl: "smtp://127.0.0.1:9", from: "x@y.test" }, id, new Date())).toBe(false);
    const [after] = await db.select().from(notifications).where(eq(notifications.id, id!));
    expect(after).toMatchObject({ status: "failed", attempts: 1 });
    expect(after.lastError).toBeTruthy();
  });

  it("delivers one message by id and nothing else, once, even when asked twice at once", async () => {
    const db = testDb();
    const tag = Math.random().toString(36).slice(2, 10);
    const others = await Promise.all(
      [1, 2].map((i) =>
        enqueueEmail(db, { to: `other-${tag}-${i}@example.test`, subject: "s", text: "t", kind: "test" }),
      ),
    );
    const mine = await enqueueEmail(db, { to: `mine-${tag}@example.test`, subject: "Yours", text: "t", kind: "test" });
    const config = { smtpUrl, from: "Livebase <no-reply@livebase.test>" };
    const inline = await Promise.all([
      deliverEmail(db, config, mine, new Date()),
      deliverEmail(db, config, mine, new Date()),
    ]);
    expect(inline.filter(Boolean)).toHaveLength(1);
    expect(received.filter((r) => r.to.includes(tag)).map((r) => r.to)).toEqual([`mine-${tag}@example.test`]);
    const rows = await db
      .select()
      .from(notifications)
      .where(inArray(notifications.id, [mine!, ...others.map((o) => o!)]));
    expect(rows.find((r) => r.id === mine)).toMatchObject({ status: "sent", attempts: 1 });
    expect(rows.filter((r) => r.id !== mine).every((r) => r.status === "queued" && r.attempts === 0)).toBe(true);
    // Sent is sent: a second call (or the loop, which claims the same way) does not send it again.
    expect(await deliverEmail(db, config, mine, new Date())).toBe(false);
    expect(received.filter((r) => r.to === `mine-${tag}@example.test`)).toHaveLength(1);
  });

  it("runs on the clock it is given: written, claimed and sent at the app's times, and a stale claim retaken 10 minutes on", async () => {
    const db = testDb();
    const tag = Math.random().toString(36).slice(2, 10);
    const written = new Date("2031-03-01T10:00:00Z"); // a clock far from the database's
    const id = (await enqueueEmail(db, {
      to: `clock-${tag}@example.test`,
      subject: "s",
      text: "t",
      kind: "test",
      at: written,
    }))!;
    const config = { smtpUrl, from: "Livebase <no-reply@livebase.test>" };
    // A sender that claimed it and died (no answer): claimed at the app's time.
    await db
      .update(notifications)
      .set({ status: "sending", claimedAt: written, attempts: 1 })
      .where(eq(notifications.id, id));
    expect(await deliverEmail(db, config, id, new Date(written.getTime() + 9 * 60_000))).toBe(false); // still claimed
    const sentAt = new Date(written.getTime() + 11 * 60_000);
    expect(await deliverEmail(db, config, id, sentAt)).toBe(true);
    const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
    expect(row).toMatchObject({ status: "sent", createdAt: written, claimedAt: sentAt, sentAt, attempts: 2 });
  });
});
