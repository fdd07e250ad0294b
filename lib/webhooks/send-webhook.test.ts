import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendWebhook } from "./send-webhook";
import { fakeDns } from "@/testing/webhooks/fake-dns";
import { startReceiver, type Receiver } from "@/testing/webhooks/receiver";

// Dual-stack on loopback: a request that slipped through to 127.0.0.1, ::1 or ::ffff:127.0.0.1 would land here.
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: "reached" }), { listen: "::" });
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
});

const production = { allowPrivateHosts: false };
const request = { body: "{}", headers: { "content-type": "application/json" }, timeoutMs: 2_000 };
const at = (host: string) => `http://${host}:${receiver.port}/hook`;

/**
 * One address of every range a webhook may not reach in production. Those on this machine would reach the
 * receiver; the others must be refused before any connection is tried (not time out or fail to route).
 */
const FORBIDDEN = [
  "127.0.0.1", // loopback
  "127.10.20.30",
  "::1",
  "0.0.0.0", // unspecified, "this network"
  "0.1.2.3",
  "::",
  "10.0.0.1", // RFC 1918
  "172.16.0.1",
  "172.31.255.254",
  "192.168.1.10",
  "169.254.169.254", // link-local: cloud metadata
  "fe80::1",
  "100.64.0.1", // carrier-grade NAT 100.64/10
  "100.127.255.254",
  "198.18.0.1", // benchmarking 198.18/15
  "198.19.255.254",
  "192.0.2.1", // documentation, reserved
  "240.0.0.1",
  "224.0.0.1", // multicast
  "ff02::1",
  "255.255.255.255", // broadcast
  "fc00::1", // unique local
  "fd12:3456::1",
  "fec0::1", // site-local
  "::ffff:127.0.0.1", // IPv4-mapped, of loopback and of a private address
  "::ffff:10.0.0.1",
  "::ffff:0:7f00:1", // IPv4-translated
  "::7f00:1", // IPv4-compatible (::127.0.0.1)
  "::a00:1",
  "64:ff9b::7f00:1", // NAT64 of 127.0.0.1 and of 169.254.169.254
  "64:ff9b::a9fe:a9fe",
  "64:ff9b:1::a00:1", // local-use NAT64
  "2002:7f00:1::1", // 6to4 of 127.0.0.1
  "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
];

const bracket = (ip: string) => (ip.includes(":") ? `[${ip}]` : ip);

describe("the address a delivery connects to", () => {
  it("refuses a public-looking name that resolves to this machine, before connecting, and says which address", async () => {
    const lookup = fakeDns({ "hooks.example.com": "127.0.0.1" });
    const sent = await sendWebhook(at("hooks.example.com"), request, { ...production, lookup });
    expect(sent).toEqual({
      statusCode: null,
      error: expect.stringMatching(/^Address not allowed: 127\.0\.0\.1 \(this machine, a private network/),
    });
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses every forbidden range, reached through a host name or written as the host", async () => {
    for (const ip of FORBIDDEN) {
      const viaName = await sendWebhook(at("hooks.example.com"), request, {
        ...production,
        lookup: fakeDns({ "hooks.example.com": ip }),
      });
      expect(viaName, `hooks.example.com -> ${ip}`).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/^Address not allowed: /),
      });
      const literal = await sendWebhook(at(bracket(ip)), request, production);
      expect(literal, `literal ${ip}`).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/^Address not allowed: /),
      });
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses a name when any of its addresses is forbidden, and the IPv6 spellings of loopback in a URL", async () => {
    const lookup = fakeDns({ "hooks.example.com": ["93.184.215.14", "127.0.0.1"] });
    expect(await sendWebhook(at("hooks.example.com"), request, { ...production, lookup })).toMatchObject({
      error:
        "Address not allowed: 127.0.0.1 (this machine, a private network or a reserved range: webhooks only go to public addresses)",
    });
    for (const host of [
      "[::127.0.0.1]",
      "[::ffff:127.0.0.1]",
      "[0:0:0:0:0:ffff:7f00:1]",
      "[64:ff9b::127.0.0.1]",
      "127.1",
      "2130706433",
      "0x7f.0.0.1",
    ]) {
      expect(await sendWebhook(at(host), request, production), host).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/^Address not allowed: /),
      });
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it("still delivers where private hosts are allowed (development, tests, the e2e build on localhost)", async () => {
    const allowed = {
      allowPrivateHosts: true,
      lookup: fakeDns({ "hooks.example.com": "127.0.0.1", "v6.example.com": "::1" }),
    };
    expect(await sendWebhook(at("hooks.example.com"), request, allowed)).toEqual({
      statusCode: 200,
      snippet: "reached",
    });
    expect(await sendWebhook(at("v6.example.com"), request, allowed)).toEqual({ statusCode: 200, snippet: "reached" });
    expect(await sendWebhook(at("[::ffff:127.0.0.1]"), request, allowed)).toEqual({
      statusCode: 200,
      snippet: "reached",
    });
    expect(receiver.requests.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    // 0.0.0.0 reaches this machine on Linux without meaning to: request-filtering-agent refuses it even here.
    expect(await sendWebhook(at("0.0.0.0"), request, allowed)).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/^Address not allowed: 0\.0\.0\.0 /),
    });
    expect(receiver.requests).toHaveLength(3);
  });

  it("answers a name that does not resolve as such", async () => {
    expect(await sendWebhook(at("nowhere.example.com"), request, { ...production, lookup: fakeDns({}) })).toEqual({
      statusCode: null,
      error: "Host name not found",
    });
  });

  it("keeps the status of an answer whose body stalls past the timeout, with what arrived", async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    await new Promise<void>((resolve) => stalling.listen(0, "127.0.0.1", resolve));
    const { port } = stalling.address() as AddressInfo;
    try {
      const sent = await sendWebhook(
        `http://127.0.0.1:${port}/hook`,
        { ...request, timeoutMs: 300 },
        { allowPrivateHosts: true },
      );
      expect(sent).toEqual({ statusCode: 200, snippet: "partial" });
    } finally {
      stalling.closeAllConnections();
      stalling.close();
    }
  });
});
