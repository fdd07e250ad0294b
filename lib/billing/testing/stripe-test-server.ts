import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Stripe from "stripe";
import { StripeTestState } from "./stripe-test-invoices";
import { newId, StripeTestApiError, type ApiErrorBody, type StripeTestObjects, type TestCard } from "./stripe-test-objects";
import { hostedPage } from "./stripe-test-pages";
import { parseStripeForm, runApiRequest, type Params } from "./stripe-test-routes";

/**
 * An in-process, Stripe-compatible HTTP server for our billing tests and e2e runs. The real `stripe` SDK talks to it
 * (form-encoded requests, idempotency keys, typed errors), it sends signed webhooks, and it can fail on demand: a
 * 500 before doing anything, a 500 after doing the work, or doing the work and never answering, which is what a
 * timeout looks like at worst.
 */

/** One API request. For a hung request (fault "hang") `status` is the answer that was stored but never sent. */
export type RecordedRequest = { method: string; path: string; body: Record<string, unknown>; idempotencyKey: string | null; replayed: boolean; status: number };
/**
 * "500": answer an api_error without executing or keeping the idempotency key. "500_after": execute, then answer an
 * api_error and keep that 500 as the key's result, so a retry with the key gets the 500 again, as from Stripe's v1 API.
 * "hang": execute, then never answer.
 */
export type Fault = "500" | "500_after" | "hang";
export type WebhookTarget = { url: string; secret: string };

export type StripeTestServer = {
  url: string;
  port: number;
  secretKey: string;
  /** The SDK pointed at this server, without SDK retries: our code owns retries, as in production. */
  client(opts?: { timeoutMs?: number }): Stripe;
  requests: RecordedRequest[];
  /** Applies `kind` to the next `times` (default 1) API requests whose path (and method, if given) match. */
  fault(match: { method?: string; path: string | RegExp }, kind: Fault, times?: number): void;
  clearFaults(): void;
  /** Forgets the results stored under idempotency keys, as Stripe does after 24 hours: a reused key executes again. */
  expireIdempotencyKeys(): void;
  objects: StripeTestObjects;
  /** A card attached to the customer and made its default for invoices; returns the payment method id. */
  addCard(customerId: string, card?: TestCard): string;
  /** What the hosted Checkout page does when the customer saves a card. */
  completeCheckout(sessionId: string, card?: TestCard): void;
  /**
   * A refund made in the Dashboard: refunds `amount` (default: all that is left) of the charge, emits charge.refunded
   * and returns the refund id. Throws if the charge has less than that left to refund.
   */
  refundCharge(chargeId: string, amount?: number): string;
  /** Where events are POSTed, signed; settable at any time. Null sends nothing (events are still recorded). */
  webhook: WebhookTarget | null;
  events: Stripe.Event[];
  deliveries: { eventId: string; status: number | null }[];
  close(): Promise<void>;
};

const SECRET_KEY = "sk_test_livebase_test_server";
const MAX_BODY_BYTES = 1_000_000;

type Answer = { status: number; body: string; headers?: Record<string, string> };
type Stored = { method: string; path: string; fingerprint: string; status: number; body: string; requestId: string };

/**
 * `clock` (milliseconds, default the real one) dates objects, events and webhook signatures: it is Stripe's clock,
 * so a test that pins it must verify signatures with a matching `receivedAt`.
 */
export async function startStripeTestServer(opts: { port?: number; webhook?: WebhookTarget; clock?: () => number } = {}): Promise<StripeTestServer> {
  const clock = opts.clock ?? Date.now;
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  let webhook: WebhookTarget | null = opts.webhook ?? null;
  let closed = false;
  const requests: RecordedRequest[] = [];
  const deliveries: StripeTestServer["deliveries"] = [];
  const faults: { method?: string; path: string | RegExp; kind: Fault; remaining: number }[] = [];
  const idempotency = new Map<string, { state: "executing" } | ({ state: "done" } & Stored)>();
  const outbound = new Set<http.ClientRequest>();

  const state = new StripeTestState({
    baseUrl: url,
    clock,
    pendingWebhooks: () => (webhook ? 1 : 0),
    emitted: (event) => {
      const target = webhook;
      // After the operation and its API answer, as Stripe delivers: never inside the request that caused the event.
      if (target) setImmediate(() => deliver(event, target));
    },
  });

  function deliver(event: Stripe.Event, target: WebhookTarget): void {
    if (closed) return;
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: target.secret, timestamp: Math.floor(clock() / 1000) });
    let settled = false;
    const settle = (status: number | null) => {
      if (settled) return;
      settled = true;
      outbound.delete(req);
      deliveries.push({ eventId: event.id, status });
    };
    let req: http.ClientRequest;
    try {
      // agent: false, so no kept-alive socket to the app outlives the delivery.
      req = http.request(target.url, { method: "POST", agent: false, timeout: 10_000, headers: { "content-type": "application/json", "stripe-signature": signature } });
    } catch {
      deliveries.push({ eventId: event.id, status: null });
      return;
    }
    outbound.add(req);
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => settle(res.statusCode ?? null));
      res.on("error", () => settle(res.statusCode ?? null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => settle(null));
    req.end(payload);
  }

  function takeFault(method: string, path: string): Fault | null {
    const rule = faults.find((f) => {
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (typeof f.path === "string") return f.path === path;
      f.path.lastIndex = 0; // a /g pattern would otherwise remember where its last match ended
      return f.path.test(path);
    });
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) faults.splice(faults.indexOf(rule), 1);
    return rule.kind;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const target = new URL(req.url ?? "/", url);
    const path = target.pathname;
    if (!path.startsWith("/v1/")) {
      const text = await readBody(req);
      const page = hostedPage(state, method, path, method === "POST" ? safeParse(text) : {});
      res.writeHead(page.status, page.headers).end(page.body);
      return;
    }

    const requestId = newId("req_");
    const key = method === "POST" ? header(req, "idempotency-key") : null;
    const authorized = isAuthorized(req.headers.authorization);
    // Claimed before the body arrives, so a request with the same key that comes in meanwhile finds it in use.
    const claimed = authorized && key !== null && !idempotency.has(key);
    if (claimed) idempotency.set(key, { state: "executing" });
    const release = () => {
      if (claimed) idempotency.delete(key);
    };
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      release();
      res.destroy();
      return;
    }
    const record: RecordedRequest = { method, path, body: {}, idempotencyKey: header(req, "idempotency-key"), replayed: false, status: 0 };
    requests.push(record);
    const headers: Record<string, string> = { "request-id": requestId, "stripe-version": header(req, "stripe-version") ?? Stripe.API_VERSION, ...(key ? { "idempotency-key": key } : {}) };
    const send = (answer: Answer) => {
      record.status = answer.status;
      res.writeHead(answer.status, { "content-type": "application/json", ...headers, ...answer.headers }).end(answer.body);
    };

    if (!authorized) return send(error(401, { type: "invalid_request_error", message: "Invalid API Key provided" }));
    let params: Params;
    try {
      params = parseStripeForm(method === "POST" ? text : target.search.slice(1));
      if (key !== null && key.length > 255) throw new StripeTestApiError(400, { type: "invalid_request_error", message: "Idempotency keys can be at most 255 characters long.", param: "idempotency_key" });
    } catch (err) {
      release();
      if (err instanceof StripeTestApiError) return send(error(err.status, err.body));
      throw err;
    }
    record.body = params;
    const fault = takeFault(method, path);
    if (fault === "500") {
      release();
      return send(internalError());
    }
    // Decide the answer: a replay, an idempotency conflict, or the result of running the request now.
    let answer: Answer;
    const existing = key !== null && !claimed ? idempotency.get(key) : undefined;
    const fingerprint = stableJson(params);
    if (existing?.state === "executing") {
      answer = error(409, {
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        message: "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
      });
    } else if (existing?.state === "done" && (existing.method !== method || existing.path !== path)) {
      answer = error(400, { type: "idempotency_error", message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.method} ${existing.path}' vs '${method} ${path}').` });
    } else if (existing?.state === "done" && existing.fingerprint !== fingerprint) {
      answer = error(400, { type: "idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters they were first used with." });
    } else if (existing?.state === "done") {
      record.replayed = true;
      answer = { status: existing.status, body: existing.body, headers: { "idempotent-replayed": "true", "original-request": existing.requestId } };
    } else {
      let keep = true;
      try {
        const body = state.during({ id: requestId, idempotency_key: key }, () => runApiRequest(state, method, path, params));
        answer = { status: 200, body: JSON.stringify(body) };
      } catch (err) {
        if (!(err instanceof StripeTestApiError)) throw err;
        answer = error(err.status, err.body);
        keep = err.stored;
      }
      // Stripe keeps whatever answer it gives once execution has begun, a 500 included. A request refused by
      // validation never began, so its key stays free, as without the fault.
      if (fault === "500_after") answer = internalError();
      if (claimed && keep) idempotency.set(key, { state: "done", method, path, fingerprint, status: answer.status, body: answer.body, requestId });
      else release();
    }
    // On a replay or a refused reuse of a key nothing executed, so nothing is kept: the 500 replaces the answer.
    if (fault === "500_after" && answer.status !== 500) {
      record.replayed = false;
      answer = internalError();
    }
    if (fault === "hang") {
      record.status = answer.status; // never sent: the socket stays open until the client gives up or close()
      return;
    }
    send(answer);
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in this server, not a Stripe answer: say so, so a failing test points here rather than at our code.
      if (res.headersSent) return void res.destroy();
      const message = `Stripe test server bug: ${err instanceof Error ? err.message : String(err)}`;
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { type: "api_error", message } }));
    });
  });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    secretKey: SECRET_KEY,
    client: (o = {}) => new Stripe(SECRET_KEY, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, telemetry: false, timeout: o.timeoutMs ?? 10_000 }),
    requests,
    fault: (match, kind, times = 1) => void faults.push({ ...match, kind, remaining: times }),
    clearFaults: () => void faults.splice(0),
    expireIdempotencyKeys: () => {
      // Only finished results: a request still executing holds its key until it answers, expired or not.
      for (const [key, entry] of idempotency) if (entry.state === "done") idempotency.delete(key);
    },
    objects: state.objects,
    addCard: (customerId, card) => state.during(null, () => state.addCard(customerId, card)),
    completeCheckout: (sessionId, card) => void state.during(null, () => state.completeCheckout(sessionId, card)),
    refundCharge: (chargeId, amount) => state.during(null, () => state.refundCharge(chargeId, amount)).id,
    get webhook() {
      return webhook;
    },
    set webhook(target: WebhookTarget | null) {
      webhook = target;
    },
    events: state.events,
    deliveries,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        closed = true;
        for (const req of outbound) req.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // including the ones a "hang" fault keeps open
      })),
  };
}

function error(status: number, body: ApiErrorBody): Answer {
  return { status, body: JSON.stringify({ error: body }) };
}

function internalError(): Answer {
  return error(500, { type: "api_error", message: "An error occurred with our connection to Stripe (fault injected by the Stripe test server)." });
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Bearer, as the SDK sends it, or Basic with the key as user name, as `curl -u sk_test_...:` does. */
function isAuthorized(authorization: string | undefined): boolean {
  const [scheme = "", value = ""] = (authorization ?? "").split(" ");
  if (scheme.toLowerCase() === "bearer") return value === SECRET_KEY;
  if (scheme.toLowerCase() === "basic") return Buffer.from(value, "base64").toString("utf8").split(":")[0] === SECRET_KEY;
  return false;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    req.on("close", () => reject(new Error("connection closed before the body was read")));
  });
}

function safeParse(text: string): Params {
  try {
    return parseStripeForm(text);
  } catch {
    return {};
  }
}

/** Parameters compared regardless of their order, as Stripe compares a retried request with the first one. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `tsx lib/billing/testing/stripe-test-server.ts --port 12111 [--webhook-url URL --webhook-secret whsec_...]` */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "12111" }, "webhook-url": { type: "string" }, "webhook-secret": { type: "string" } } });
  const webhookUrl = values["webhook-url"];
  const webhookSecret = values["webhook-secret"];
  if (Boolean(webhookUrl) !== Boolean(webhookSecret)) {
    process.stderr.write("--webhook-url and --webhook-secret go together\n");
    process.exit(2);
  }
  const server = await startStripeTestServer({ port: Number(values.port), webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined });
  process.stdout.write(`Stripe test server listening on ${server.url} (secret key ${server.secretKey})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
