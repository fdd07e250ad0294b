import { BlockList, isIP } from "node:net";

/**
 * Why a URL cannot receive webhooks, in words for the brand, or null when it can. Syntax rules hold everywhere;
 * `allowPrivateHosts` is false in production, where letting a brand point us at localhost or the private network
 * would turn every delivery into a request from inside our infrastructure (SSRF). Only literal hosts are checked:
 * a public name that resolves to a private address is not caught here.
 */
export function endpointUrlProblem(raw: string, opts: { allowPrivateHosts: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, for example https://example.com/webhooks/livebase";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// (or http://) URL";
  // Credentials in a URL end up in logs and in our database; every request is signed instead.
  if (url.username || url.password) return "Leave the user name and password out of the URL: every request is signed instead";
  if (!url.hostname) return "The URL needs a host name";
  if (!opts.allowPrivateHosts && isPrivateHost(url.hostname)) {
    return "This address is on a private network or this machine: use a public address your receiver answers on";
  }
  return null;
}

const PRIVATE = new BlockList();
// Loopback, "this network", the private ranges of RFC 1918, and link-local (cloud metadata services live there).
PRIVATE.addSubnet("127.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("0.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("10.0.0.0", 8, "ipv4");
PRIVATE.addSubnet("172.16.0.0", 12, "ipv4");
PRIVATE.addSubnet("192.168.0.0", 16, "ipv4");
PRIVATE.addSubnet("169.254.0.0", 16, "ipv4");
PRIVATE.addAddress("::1", "ipv6");
PRIVATE.addAddress("::", "ipv6");
PRIVATE.addSubnet("fc00::", 7, "ipv6");
PRIVATE.addSubnet("fe80::", 10, "ipv6");

/**
 * Whether a URL's hostname is this machine or a private network. The WHATWG URL parser has already turned
 * "127.1", "0x7f.0.0.1" and "2130706433" into "127.0.0.1", and IPv6 hosts come in brackets. BlockList also matches
 * IPv4-mapped IPv6 addresses (::ffff:7f00:1) against the IPv4 ranges.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const family = isIP(host);
  if (family === 4) return PRIVATE.check(host, "ipv4");
  if (family === 6) return PRIVATE.check(host, "ipv6");
  return false;
}

/**
 * Whether endpoints may point at loopback or private hosts: outside production always (dev, tests); in production
 * only when the app's own public address (APP_URL) is itself on this machine. That is the case of the end-to-end
 * tests, which run the production build on localhost with a receiver beside it; a real deployment has a public
 * APP_URL, and there private targets are refused.
 */
export function privateHostsAllowed(env: { NODE_ENV: string; APP_URL: string }): boolean {
  if (env.NODE_ENV !== "production") return true;
  try {
    const host = new URL(env.APP_URL).hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}
