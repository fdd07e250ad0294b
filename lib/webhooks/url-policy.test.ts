import { describe, expect, it } from "vitest";
import { endpointUrlProblem, isPrivateHost, isPublicAddress, privateHostsAllowed } from "./url-policy";

const production = { allowPrivateHosts: false };
const development = { allowPrivateHosts: true };

describe("endpoint URLs", () => {
  it("accepts public http(s) URLs everywhere", () => {
    for (const url of [
      "https://hooks.example.com/livebase",
      "http://example.com:8080/x?y=1",
      "https://[2606:4700::1111]/hook",
      "https://8.8.8.8/hook",
    ]) {
      expect(endpointUrlProblem(url, production), url).toBeNull();
    }
  });

  it("refuses other schemes, non-URLs and URLs with credentials, everywhere", () => {
    expect(endpointUrlProblem("ftp://example.com/x", development)).toMatch(/https/);
    expect(endpointUrlProblem("javascript:alert(1)", development)).toMatch(/https/);
    expect(endpointUrlProblem("example.com/hook", development)).toMatch(/full URL/);
    expect(endpointUrlProblem("https://user:pass@example.com/hook", development)).toMatch(/password/);
    expect(endpointUrlProblem("https://user@example.com/hook", development)).toMatch(/user name/);
  });

  it("refuses this machine and private networks in production, in every spelling", () => {
    const hosts = [
      "http://localhost/x",
      "http://LOCALHOST./x",
      "http://api.localhost/x",
      "http://127.0.0.1:3000/x",
      "http://127.1/x",
      "http://2130706433/x",
      "http://0x7f000001/x",
      "http://10.1.2.3/x",
      "http://172.16.0.1/x",
      "http://172.31.255.255/x",
      "http://192.168.1.10/x",
      "http://169.254.169.254/latest/meta-data",
      "http://0.0.0.0/x",
      "http://[::1]/x",
      "http://[::ffff:127.0.0.1]/x",
      "http://[fd00::1]/x",
      "http://[fe80::1]/x",
      "http://100.64.0.1/x",
      "http://100.127.255.255/x",
      "http://198.18.0.1/x",
      "http://198.19.255.255/x",
      "http://224.0.0.251/x",
      "http://255.255.255.255/x",
      "http://[ff02::1]/x",
      "http://[::]/x",
      "http://[::127.0.0.1]/x",
      "http://[::ffff:10.0.0.1]/x",
      "http://[64:ff9b::7f00:1]/x",
      "http://[64:ff9b::169.254.169.254]/x",
      "http://[2002:7f00:1::1]/x",
    ];
    for (const url of hosts) {
      expect(endpointUrlProblem(url, production), url).toMatch(/private network/);
      expect(endpointUrlProblem(url, development), url).toBeNull();
    }
  });

  it("keeps the private ranges exact at their edges", () => {
    expect(isPrivateHost("172.15.255.255")).toBe(false);
    expect(isPrivateHost("172.32.0.0")).toBe(false);
    expect(isPrivateHost("11.0.0.1")).toBe(false);
    expect(isPrivateHost("192.169.0.1")).toBe(false);
    expect(isPrivateHost("localhost.example.com")).toBe(false);
    expect(isPrivateHost("100.63.255.255")).toBe(false);
    expect(isPrivateHost("100.128.0.0")).toBe(false);
    expect(isPrivateHost("198.17.255.255")).toBe(false);
    expect(isPrivateHost("198.20.0.0")).toBe(false);
  });

  it("calls public only global unicast addresses, IPv4 and IPv6", () => {
    for (const ip of ["8.8.8.8", "93.184.215.14", "1.1.1.1", "2606:4700::1111", "2a00:1450:4001::200e"])
      expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of [
      "127.0.0.1",
      "::1",
      "::7f00:1",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
      "100.64.0.1",
      "198.18.0.1",
      "not an address",
      "",
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });
});

describe("where private hosts are allowed", () => {
  it("everywhere but production, and in production only when the app itself lives on this machine", () => {
    expect(privateHostsAllowed({ NODE_ENV: "development", APP_URL: "https://studio.example.com" })).toBe(true);
    expect(privateHostsAllowed({ NODE_ENV: "test", APP_URL: "https://studio.example.com" })).toBe(true);
    expect(privateHostsAllowed({ NODE_ENV: "production", APP_URL: "https://studio.example.com" })).toBe(false);
    expect(privateHostsAllowed({ NODE_ENV: "production", APP_URL: "http://10.0.0.5:3000" })).toBe(false);
    expect(privateHostsAllowed({ NODE_ENV: "production", APP_URL: "http://localhost:3100" })).toBe(true);
    expect(privateHostsAllowed({ NODE_ENV: "production", APP_URL: "http://127.0.0.1:3100" })).toBe(true);
  });
});
