import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Stripe from "stripe";
import { newId, StripeTestApiError } from "./stripe-test-common";
import { error, FaultRules, IdempotencyKeys, type Answer, type Fault } from "./stripe-test-idempotency";
import type { StripeTestObjects, TestCard } from "./stripe-test-objects";
import { hostedPage } from "./stripe-test-pages";
import { parseStripeForm, type Params } from "./stripe-test-params";
import { runApiRequest } from "./stripe-test-routes";
import { StripeTestStore } from "./stripe-test-store";
import { completeOnboarding } from "./resources/connect";
import { addCard, completeCheckout } from "./resources/customers";
import { refundCharge } from "./resources/charges";

/**
 * An in-process, Stripe-compatible HTTP server for our billing tests and e2e runs. The real `stripe` SDK talks to it
 * (form-encoded requests, idempotency keys, typed errors), it sends signed webhooks, and it can fail on demand: a
 * 500 before doing anything, a 500 after doing the work, or doing the work and never answering, which is what a
 * timeout looks like at worst.
 *
 * This file is the HTTP side: authentication, bodies, recording requests and delivering webhooks. What a retried or
 * faulted request gets is in stripe-test-idempotency.ts, the API itself in stripe-test-routes.ts (which composes the
 * route modules of resources/ over the store of stripe-test-store.ts), and the command line (this file run as a
 * script) in stripe-test-cli.ts.
 *
 * Connect: a request with a `Stripe-Account: acct_...` header acts on that connected account, as Stripe's direct
 * charges do. What it creates belongs to that account and it sees nothing else (stripe-test-store.ts); an account
 * that does not exist is a 403 `account_invalid`; idempotency keys are kept per account. Events about a connected
 * account's objects carry `account`. Stripe sends those to a separate Connect webhook endpoint with its own secret:
 * here `connectWebhook` (an option and a settable property). Events with `account` go to it when it is set, and to
 * `webhook` otherwise, so a setup with a single endpoint gets everything; events without `account` go to `webhook`.
 */

/** One API request. For a hung request (fault "hang") `status` is the answer that was stored but never sent. */
export type RecordedRequest = {
  method: string;
  path: string;
  body: Record<string, unknown>;
  idempotencyKey: string | null;
  /** The Stripe-Account header: the connected account the platform acted on (its objects are that account's). */
  stripeAccount: string | null;
  replayed: boolean;
  status: number;
};
export type { Fault } from "./stripe-test-idempotency";
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
  /** What the hosted onboarding page's "Submit details" does: requirements met, charges and payouts enabled. */
  completeOnboarding(accountId: string): void;
  /** Where events are POSTed, signed; settable at any time. Null sends nothing (events are still recorded). */
  webhook: WebhookTarget | null;
  /**
   * Stripe's Connect endpoint: where events with `account` (about a connected account's objects) are POSTed, signed
   * with its own secret. Null (the default) sends them to `webhook` instead.
   */
  connectWebhook: WebhookTarget | null;
  events: Stripe.Event[];
  deliveries: { eventId: string; status: number | null }[];
  close(): Promise<void>;
};

const SECRET_KEY = "sk_test_livebase_test_server";
const MAX_BODY_BYTES = 1_000_000;

/**
 * `clock` (milliseconds, default the real one) dates objects, events and webhook signatures: it is Stripe's clock,
 * so a test that pins it must verify signatures with a matching `receivedAt`.
 */
export async function startStripeTestServer(
  opts: { port?: number; webhook?: WebhookTarget; connectWebhook?: WebhookTarget; clock?: () => number } = {},
): Promise<StripeTestServer> {
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
  let connectWebhook: WebhookTarget | null = opts.connectWebhook ?? null;
  /** An event about a connected account's object goes to the Connect endpoint, if there is one. */
  const targetFor = (account: string | null) => (account && connectWebhook) || webhook;
  let closed = false;
  const requests: RecordedRequest[] = [];
  const deliveries: StripeTestServer["deliveries"] = [];
  const faults = new FaultRules();
  const keys = new IdempotencyKeys();
  const outbound = new Set<http.ClientRequest>();

  const store = new StripeTestStore({
    baseUrl: url,
    clock,
    pendingWebhooks: (account) => (targetFor(account) ? 1 : 0),
    emitted: (event) => {
      const target = targetFor(event.account ?? null);
      // After the operation and its API answer, as Stripe delivers: never inside the request that caused the event.
      if (target) setImmediate(() => deliver(event, target));
    },
  });

  function deliver(event: Stripe.Event, target: WebhookTarget): void {
    if (closed) return;
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: target.secret,
      timestamp: Math.floor(clock() / 1000),
    });
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
      req = http.request(target.url, {
        method: "POST",
        agent: false,
        timeout: 10_000,
        headers: { "content-type": "application/json", "stripe-signature": signature },
      });
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const target = new URL(req.url ?? "/", url);
    const path = target.pathname;
    if (!path.startsWith("/v1/")) {
      const text = await readBody(req);
      const page = hostedPage(store, method, path, method === "POST" ? safeParse(text) : {});
      res.writeHead(page.status, page.headers).end(page.body);
      return;
    }

    const requestId = newId("req_");
    const key = method === "POST" ? header(req, "idempotency-key") : null;
    const authorized = isAuthorized(req.headers.authorization);
    const account = header(req, "stripe-account") || null;
    const accountKnown = account === null || store.objects.accounts.has(account);
    // Stripe keeps keys per account: the same key on two accounts names two requests.
    const scopedKey = key === null ? null : account === null ? key : `${account}\u0000${key}`;
    // Claimed before the body arrives, so a request with the same key that comes in meanwhile finds it in use.
    const claimed = authorized && accountKnown && scopedKey !== null && keys.claim(scopedKey);
    const release = () => {
      if (claimed) keys.release(scopedKey);
    };
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      release();
      res.destroy();
      return;
    }
    const record: RecordedRequest = {
      method,
      path,
      body: {},
      idempotencyKey: header(req, "idempotency-key"),
      stripeAccount: header(req, "stripe-account"),
      replayed: false,
      status: 0,
    };
    requests.push(record);
    const headers: Record<string, string> = {
      "request-id": requestId,
      "stripe-version": header(req, "stripe-version") ?? Stripe.API_VERSION,
      ...(key ? { "idempotency-key": key } : {}),
    };
    const send = (answer: Answer) => {
      record.status = answer.status;
      res
        .writeHead(answer.status, { "content-type": "application/json", ...headers, ...answer.headers })
        .end(answer.body);
    };

    if (!authorized) return send(error(401, { type: "invalid_request_error", message: "Invalid API Key provided" }));
    if (!accountKnown) {
      const masked = `${SECRET_KEY.slice(0, 8)}${"*".repeat(SECRET_KEY.length - 12)}${SECRET_KEY.slice(-4)}`;
      const message = `The provided key '${masked}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`;
      return send(error(403, { type: "invalid_request_error", code: "account_invalid", message }));
    }
    let params: Params;
    try {
      params = parseStripeForm(method === "POST" ? text : target.search.slice(1));
      if (key !== null && key.length > 255)
        throw new StripeTestApiError(400, {
          type: "invalid_request_error",
          message: "Idempotency keys can be at most 255 characters long.",
          param: "idempotency_key",
        });
    } catch (err) {
      release();
      if (err instanceof StripeTestApiError) return send(error(err.status, err.body));
      throw err;
    }
    record.body = params;
    const fault = faults.take(method, path);
    const run = () =>
      store.during({ id: requestId, idempotency_key: key }, () => runApiRequest(store, method, path, params), account);
    const { answer, replayed } = keys.answer({ method, path, params, key: scopedKey, claimed, requestId, fault }, run);
    record.replayed = replayed;
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
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { type: "api_error", message } }));
    });
  });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    secretKey: SECRET_KEY,
    client: (o = {}) =>
      new Stripe(SECRET_KEY, {
        host: "127.0.0.1",
        port,
        protocol: "http",
        maxNetworkRetries: 0,
        telemetry: false,
        timeout: o.timeoutMs ?? 10_000,
      }),
    requests,
    fault: (match, kind, times = 1) => faults.add(match, kind, times),
    clearFaults: () => faults.clear(),
    expireIdempotencyKeys: () => keys.expire(),
    objects: store.objects,
    // Test helpers act as the account that owns the object, as the Dashboard of that account would.
    addCard: (customerId, card) => store.actingFor(customerId, () => addCard(store, customerId, card)),
    completeCheckout: (sessionId, card) =>
      void store.actingFor(sessionId, () => completeCheckout(store, sessionId, card)),
    refundCharge: (chargeId, amount) => store.actingFor(chargeId, () => refundCharge(store, chargeId, amount)).id,
    completeOnboarding: (accountId) => void store.during(null, () => completeOnboarding(store, accountId)),
    get webhook() {
      return webhook;
    },
    set webhook(target: WebhookTarget | null) {
      webhook = target;
    },
    get connectWebhook() {
      return connectWebhook;
    },
    set connectWebhook(target: WebhookTarget | null) {
      connectWebhook = target;
    },
    events: store.events,
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

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Bearer, as the SDK sends it, or Basic with the key as user name, as `curl -u sk_test_...:` does. */
function isAuthorized(authorization: string | undefined): boolean {
  const [scheme = "", value = ""] = (authorization ?? "").split(" ");
  if (scheme.toLowerCase() === "bearer") return value === SECRET_KEY;
  if (scheme.toLowerCase() === "basic")
    return Buffer.from(value, "base64").toString("utf8").split(":")[0] === SECRET_KEY;
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

// Run as a script (`tsx testing/stripe/stripe-test-server.ts --port …`, as the README says): see stripe-test-cli.ts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  void import("./stripe-test-cli").then((cli) => cli.main());
