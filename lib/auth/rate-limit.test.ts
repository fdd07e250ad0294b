import { describe, expect, it } from "vitest";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { clientIp } from "./client-ip";
import { beginSignInAttempt, clearSignInFailures, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, succeedSignInAttempt } from "./rate-limit";

const now = new Date("2026-11-21T10:00:00Z");
const rand = () => Math.random().toString(36).slice(2, 10);
const email = () => `rl-${rand()}@example.test`;
const ip = () => `198.51.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}-${rand()}`;

describe("sign-in rate limit", () => {
  it("locks an email after 5 failures, from any IP, until the window has passed", async () => {
    const db = testDb();
    const address = email();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) expect((await beginSignInAttempt(db, { email: address, ip: ip(), now })).limited).toBe(false);
    expect((await beginSignInAttempt(db, { email: address, ip: ip(), now })).limited).toBe(true);
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await beginSignInAttempt(db, { email: address, ip: ip(), now: later })).limited).toBe(false);
  });

  it("locks an IP after 50 failures across many emails", async () => {
    const db = testDb();
    const from = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await beginSignInAttempt(db, { email: email(), ip: from, now });
    expect((await beginSignInAttempt(db, { email: email(), ip: from, now })).limited).toBe(true);
    expect((await beginSignInAttempt(db, { email: email(), ip: ip(), now })).limited).toBe(false);
  });

  it("lets only 5 of a burst of parallel guesses through (each is counted before its password is checked)", async () => {
    const db = testDb();
    const address = email();
    const burst = await Promise.all(Array.from({ length: 12 }, () => beginSignInAttempt(db, { email: address, ip: ip(), now })));
    expect(burst.filter((a) => !a.limited)).toHaveLength(MAX_FAILURES_PER_EMAIL);
  });

  it(`lets only 50 of 60 parallel guesses from one IP at 60 accounts through (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const db = testDb();
    const from = ip();
    const burst = await Promise.all(Array.from({ length: 60 }, () => beginSignInAttempt(db, { email: email(), ip: from, now })));
    expect(burst.filter((a) => !a.limited)).toHaveLength(MAX_FAILURES_PER_IP);
  });

  it("does not count successful sign-ins, and a reset clears the failures", async () => {
    const db = testDb();
    const address = email();
    for (let i = 0; i < 10; i++) {
      const a = await beginSignInAttempt(db, { email: address, ip: ip(), now });
      expect(a.limited).toBe(false);
      if (!a.limited) await succeedSignInAttempt(db, a.attemptId);
    }
    const locked = email();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await beginSignInAttempt(db, { email: locked, ip: ip(), now });
    await clearSignInFailures(db, locked);
    expect((await beginSignInAttempt(db, { email: locked, ip: ip(), now })).limited).toBe(false);
  });

  it("takes the address our proxy appended, not one the client wrote in X-Forwarded-For", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({}))).toBe("unknown");
  });
});
