import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

const PRIVATE_HOST_PROBLEM =
  "This address is on a private network or this machine: use a public address your receiver answers on";

/**
 * Why a URL cannot receive webhooks, in words for the brand, or null when it can. Syntax rules hold everywhere;
 * `allowPrivateHosts` is false in production, where letting a brand point us at localhost or the private network
 * would turn every delivery into a request from inside our infrastructure (SSRF). Only the URL's own host is
 * checked here; `endpointAddressProblem` resolves names, and every delivery checks the address it connects to.
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
  if (url.username || url.password)
    return "Leave the user name and password out of the URL: every request is signed instead";
  if (!url.hostname) return "The URL needs a host name";
  if (!opts.allowPrivateHosts && isPrivateHost(url.hostname)) return PRIVATE_HOST_PROBLEM;
  return null;
}

/**
 * `endpointUrlProblem`, then, where private hosts are refused, the addresses the host name resolves to now: one
 * that is not public refuses the URL. Defence in depth only (DNS can change after this), so a name that does not
 * resolve yet is accepted: the check at connect time, on every delivery, is the guard.
 */
export async function endpointAddressProblem(
  raw: string,
  opts: { allowPrivateHosts: boolean; lookup?: LookupFunction },
): Promise<string | null> {
  const problem = endpointUrlProblem(raw, opts);
  if (problem || opts.allowPrivateHosts) return problem;
  const host = bareHost(new URL(raw).hostname);
  if (isIP(host)) return null;
  const addresses = await resolveAll(opts.lookup ?? dnsLookup, host);
  return addresses.some((a) => !isPublicAddress(a.address)) ? PRIVATE_HOST_PROBLEM : null;
}

/** Every address a name resolves to (none when it does not resolve, or not within 5 s). */
function resolveAll(lookup: LookupFunction, host: string): Promise<LookupAddress[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), 5_000);
    lookup(host, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      resolve(err ? [] : Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }]);
    });
  });
}

// RFC 4291's deprecated IPv4-compatible form (::127.0.0.1 is ::7f00:1): ipaddr.js files it as plain unicast.
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/**
 * Whether an IP address is a public unicast one, the only kind a webhook may reach in production. The ranges are
 * ipaddr.js's (the ones request-filtering-agent refuses too): loopback, "this network", RFC 1918, link-local
 * (cloud metadata), carrier-grade NAT 100.64/10, benchmarking 198.18/15, documentation, multicast, broadcast,
 * 240/4, unique-local and site-local IPv6, and every IPv6 form that carries an IPv4 address (mapped ::ffff:0:0/96,
 * translated, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4, Teredo) whatever that address is. Added here: the
 * IPv4-compatible ::/96.
 */
export function isPublicAddress(address: string): boolean {
  if (!isIP(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.range() !== "unicast") return false;
  return !(parsed.kind() === "ipv6" && parsed.match(IPV4_COMPATIBLE));
}

const bareHost = (hostname: string) =>
  hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");

/**
 * Whether a URL's hostname is this machine, a private network or another address that is not public. The WHATWG
 * URL parser has already turned "127.1", "0x7f.0.0.1" and "2130706433" into "127.0.0.1", and IPv6 hosts come in
 * brackets. A host name other than localhost is not resolved here.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return isIP(host) !== 0 && !isPublicAddress(host);
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
