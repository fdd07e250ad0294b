import { lookup as dnsLookup } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, Socket, type LookupFunction, type TcpNetConnectOpts } from "node:net";
import type { Duplex } from "node:stream";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { isPublicAddress } from "./url-policy";

export const SNIPPET_CHARS = 500;

/**
 * Where a delivery may connect. `allowPrivateHosts` as in url-policy.ts (false in production); `lookup` resolves
 * host names (dns.lookup unless a test answers for it).
 */
export type SendPolicy = { allowPrivateHosts: boolean; lookup?: LookupFunction };

export type SendResult = { statusCode: number; snippet: string } | { statusCode: null; error: string };

/** A connection refused before it was made, because of the address it would have reached. */
class AddressNotAllowedError extends Error {
  readonly code = "ERR_WEBHOOK_ADDRESS_NOT_ALLOWED";
  constructor(readonly address: string) {
    super(`Address not allowed: ${address}`);
  }
}

/** `lookup`, refusing every answer that holds an address that is not public. */
function publicOnlyLookup(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) =>
    lookup(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const refused = (Array.isArray(address) ? address.map((a) => a.address) : [address]).find(
        (a) => !isPublicAddress(a),
      );
      if (refused !== undefined) return callback(new AddressNotAllowedError(refused), address, family);
      callback(null, address, family);
    });
}

type ConnectionListener = (error: Error | null, socket: Duplex) => void;
type CreateConnection = (options: TcpNetConnectOpts, listener?: ConnectionListener) => Duplex;

/**
 * The check on the address actually connected to, every time: a literal host as it is, a name once it is
 * resolved, so a name that answers 127.0.0.1 (or a public address when the endpoint is added and a private one
 * later) is refused before any socket opens. Our rule (isPublicAddress: request-filtering-agent's ranges plus
 * IPv4-compatible IPv6) runs first, so the refusal names the address; the agent's own check runs after it.
 */
function publicOnlyConnection(
  options: TcpNetConnectOpts,
  listener: ConnectionListener | undefined,
  connect: CreateConnection,
): Duplex {
  const host = options.host?.replace(/^\[|\]$/g, "");
  if (host && isIP(host) && !isPublicAddress(host)) {
    // As the agent does for its own refusals: the request fails with the error, the socket never connects.
    const socket = new Socket();
    if (listener) listener(new AddressNotAllowedError(host), socket);
    else socket.destroy(new AddressNotAllowedError(host));
    return socket;
  }
  return connect({ ...options, lookup: publicOnlyLookup(options.lookup ?? dnsLookup) }, listener);
}

class PublicOnlyHttpAgent extends RequestFilteringHttpAgent {
  createConnection(options: TcpNetConnectOpts, listener?: ConnectionListener): Duplex {
    return publicOnlyConnection(options, listener, (o, l) => super.createConnection(o, l));
  }
}

class PublicOnlyHttpsAgent extends RequestFilteringHttpsAgent {
  createConnection(options: TcpNetConnectOpts, listener?: ConnectionListener): Duplex {
    return publicOnlyConnection(options, listener, (o, l) => super.createConnection(o, l));
  }
}

// One connection per delivery (no keep-alive): every delivery resolves and checks its address again.
const agents = {
  allowPrivate: {
    http: new RequestFilteringHttpAgent({ allowPrivateIPAddress: true, keepAlive: false }),
    https: new RequestFilteringHttpsAgent({ allowPrivateIPAddress: true, keepAlive: false }),
  },
  publicOnly: {
    http: new PublicOnlyHttpAgent({ keepAlive: false }),
    https: new PublicOnlyHttpsAgent({ keepAlive: false }),
  },
};

/**
 * POSTs `body` to `url` through the filtering agent and answers the status and the start of the response, or a
 * short reason it could not (never thrown). Redirects are never followed (node:http does not); `timeoutMs` covers
 * everything from the lookup to the last byte read.
 */
export function sendWebhook(
  url: string,
  req: { body: string; headers: Record<string, string>; timeoutMs: number },
  policy: SendPolicy,
): Promise<SendResult> {
  const pool = policy.allowPrivateHosts ? agents.allowPrivate : agents.publicOnly;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const settle = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const failWith = (err: unknown) => settle({ statusCode: null, error: describeSendError(err, req.timeoutMs) });
    try {
      const target = new URL(url);
      const https = target.protocol === "https:";
      const options = {
        method: "POST",
        headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
        agent: https ? pool.https : pool.http,
        signal: AbortSignal.timeout(req.timeoutMs),
        ...(policy.lookup ? { lookup: policy.lookup } : {}),
      };
      let answered = false;
      const request = (https ? httpsRequest : httpRequest)(target, options, (res) => {
        answered = true;
        void readSnippet(res).then((snippet) => settle({ statusCode: res.statusCode ?? 0, snippet }));
      });
      // Once the status has arrived it is the answer: a body cut short (or by the timeout) only shortens the snippet.
      request.on("error", (err) => answered || failWith(err));
      request.end(req.body);
    } catch (err) {
      // A URL stored before today's rules, say: a failed attempt like any other, never a crashed job.
      failWith(err);
    }
  });
}

/** The start of the response, for the delivery log; a body that breaks off (or times out) keeps what arrived. */
function readSnippet(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const decoder = new TextDecoder();
    let text = "";
    const done = () => resolve(text.slice(0, SNIPPET_CHARS));
    res.on("data", (chunk: Buffer) => {
      text += decoder.decode(chunk, { stream: true });
      // Stop downloading a large answer as soon as we have what we show.
      if (text.length >= SNIPPET_CHARS) {
        done();
        res.destroy();
      }
    });
    res.on("end", done);
    // The status already answered the question; a truncated body is only shown shorter.
    res.on("error", done);
    res.on("close", done);
  });
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset before an answer",
  ENOTFOUND: "Host name not found",
  EAI_AGAIN: "Host name lookup failed",
  EHOSTUNREACH: "Host unreachable",
  ENETUNREACH: "Network unreachable",
  ETIMEDOUT: "Connection timed out",
  UND_ERR_SOCKET: "The connection closed before an answer",
};

const ADDRESS_NOT_ALLOWED =
  "(this machine, a private network or a reserved range: webhooks only go to public addresses)";
// What request-filtering-agent says when it refuses an address itself ("DNS lookup 0.0.0.0(family:…) is not allowed…").
const AGENT_REFUSAL = /^DNS lookup (\S+?)\(family:[^)]*\) is not allowed/;

/** A short, safe reason for the brand's log (never a stack trace). */
export function describeSendError(err: unknown, timeoutMs: number): string {
  if (err instanceof AddressNotAllowedError) return `${err.message} ${ADDRESS_NOT_ALLOWED}`;
  if (!(err instanceof Error)) return "The request could not be sent";
  if (err.name === "TimeoutError" || err.name === "AbortError") return `No answer within ${timeoutMs / 1000} s`;
  const refused = AGENT_REFUSAL.exec(err.message);
  if (refused) return `Address not allowed: ${refused[1]} ${ADDRESS_NOT_ALLOWED}`;
  const code = errorCode(err) ?? errorCode(err.cause);
  if (code)
    return (
      NETWORK_ERRORS[code] ??
      (/CERT|TLS|SIGNATURE/.test(code) ? `TLS certificate problem (${code})` : `Could not connect (${code})`)
    );
  return err.message.slice(0, SNIPPET_CHARS);
}

const errorCode = (err: unknown) =>
  err && typeof err === "object" && "code" in err && typeof err.code === "string" ? err.code : null;
