import type { LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";

/**
 * A resolver for tests, in `dns.lookup`'s shape (what node:http and net accept as `lookup`): each name answers
 * the addresses given, any other name is not found. Lets a test point a public-looking name at this machine.
 */
export function fakeDns(answers: Record<string, string | string[]>): LookupFunction {
  return (hostname, options, callback) => {
    const listed = answers[hostname.toLowerCase()];
    process.nextTick(() => {
      if (!listed) {
        const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
        return callback(err, "", 0);
      }
      const addresses: LookupAddress[] = [listed].flat().map((address) => ({ address, family: isIP(address) }));
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
