import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./sign";

const secret = "whsec_test-secret-0123456789";
const body = JSON.stringify({ id: "evt_1", type: "shipment.received", data: { quantity: 3 } });
const t = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

describe("webhook signatures", () => {
  it("signs <t>.<body> with HMAC-SHA256 in the documented header format", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("accepts a good signature, within the tolerance on either side", () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature(header, body, secret, { now: at(t) })).toEqual({ ok: true, value: { timestamp: t } });
    expect(verifySignature(header, body, secret, { now: at(t + 300) }).ok).toBe(true);
    expect(verifySignature(header, body, secret, { now: at(t - 300) }).ok).toBe(true);
  });

  it("rejects a tampered body", () => {
    const header = signPayload(secret, body, t);
    const tampered = body.replace('"quantity":3', '"quantity":30');
    expect(verifySignature(header, tampered, secret, { now: at(t) })).toMatchObject({ ok: false, error: "mismatch" });
    // Even a change in whitespace: receivers must verify the raw bytes, before parsing JSON.
    expect(verifySignature(header, `${body} `, secret, { now: at(t) })).toMatchObject({ ok: false, error: "mismatch" });
  });

  it("rejects the wrong secret", () => {
    const header = signPayload("whsec_another-secret", body, t);
    expect(verifySignature(header, body, secret, { now: at(t) })).toMatchObject({ ok: false, error: "mismatch" });
  });

  it("rejects a stale (or future) timestamp, even with a valid signature", () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature(header, body, secret, { now: at(t + 301) })).toMatchObject({ ok: false, error: "stale" });
    expect(verifySignature(header, body, secret, { now: at(t - 301) })).toMatchObject({ ok: false, error: "stale" });
    expect(verifySignature(header, body, secret, { now: at(t + 3600), toleranceSeconds: 7200 }).ok).toBe(true);
  });

  it("rejects a timestamp changed after signing (it is part of what is signed)", () => {
    const header = signPayload(secret, body, t).replace(`t=${t}`, `t=${t + 60}`);
    expect(verifySignature(header, body, secret, { now: at(t + 60) })).toMatchObject({ ok: false, error: "mismatch" });
  });

  it("rejects missing and malformed headers", () => {
    const v1 = signPayload(secret, body, t).split(",")[1];
    for (const header of [
      null,
      undefined,
      "",
      `t=${t}`,
      v1,
      `t=abc,${v1}`,
      `t=${t},v1=XYZ`,
      `t=${t},${v1}=extra`,
      "x".repeat(2000),
    ]) {
      expect(verifySignature(header, body, secret, { now: at(t) }), String(header)).toMatchObject({
        ok: false,
        error: "malformed",
      });
    }
  });

  it("accepts the header when any of several v1 signatures matches (two secrets during a change)", () => {
    const good = signPayload(secret, body, t).split(",")[1];
    const other = signPayload("whsec_old", body, t).split(",")[1];
    expect(verifySignature(`t=${t},${other},${good}`, body, secret, { now: at(t) }).ok).toBe(true);
    expect(verifySignature(`t=${t},${other}`, body, secret, { now: at(t) }).ok).toBe(false);
  });
});
