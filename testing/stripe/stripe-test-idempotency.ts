import { StripeTestApiError, type ApiErrorBody } from "./stripe-test-common";
import type { Params } from "./stripe-test-params";

/**
 * Idempotency keys and injected faults: which answer the Stripe test server gives a request that reuses a key or is
 * told to fail, and which answer it keeps under the key for the next retry. They live together because each fault is
 * defined by what it does to the key: a 500 before the work keeps nothing, a 500 after it is kept like any answer.
 */

/**
 * "500": answer an api_error without executing or keeping the idempotency key. "500_after": execute, then answer an
 * api_error and keep that 500 as the key's result, so a retry with the key gets the 500 again, as from Stripe's v1 API.
 * "hang": execute, then never answer.
 */
export type Fault = "500" | "500_after" | "hang";
export type Answer = { status: number; body: string; headers?: Record<string, string> };
type Stored = { method: string; path: string; fingerprint: string; status: number; body: string; requestId: string };
type FaultMatch = { method?: string; path: string | RegExp };

export function error(status: number, body: ApiErrorBody): Answer {
  return { status, body: JSON.stringify({ error: body }) };
}

function internalError(): Answer {
  return error(500, {
    type: "api_error",
    message: "An error occurred with our connection to Stripe (fault injected by the Stripe test server).",
  });
}

/** The faults still to apply; a request gets the first one that matches it. */
export class FaultRules {
  private readonly rules: (FaultMatch & { kind: Fault; remaining: number })[] = [];

  add(match: FaultMatch, kind: Fault, times: number): void {
    this.rules.push({ ...match, kind, remaining: times });
  }

  clear(): void {
    this.rules.splice(0);
  }

  /** The fault for this request, if any, counted as applied. */
  take(method: string, path: string): Fault | null {
    const rule = this.rules.find((f) => {
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (typeof f.path === "string") return f.path === path;
      f.path.lastIndex = 0; // a /g pattern would otherwise remember where its last match ended
      return f.path.test(path);
    });
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule.kind;
  }
}

/** An API request that passed authentication and parameter parsing, with the key it claimed (if it did) on arrival. */
export type Attempt = {
  method: string;
  path: string;
  params: Params;
  key: string | null;
  claimed: boolean;
  requestId: string;
  fault: Fault | null;
};

export class IdempotencyKeys {
  private readonly entries = new Map<string, { state: "executing" } | ({ state: "done" } & Stored)>();

  /** Claims a key no request holds, for a request starting now; false if another is executing or has answered with it. */
  claim(key: string): boolean {
    if (this.entries.has(key)) return false;
    this.entries.set(key, { state: "executing" });
    return true;
  }

  release(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets the results stored under keys, as Stripe does after 24 hours. */
  expire(): void {
    // Only finished results: a request still executing holds its key until it answers, expired or not.
    for (const [key, entry] of this.entries) if (entry.state === "done") this.entries.delete(key);
  }

  /**
   * Decides the answer: a replay, an idempotency conflict, or the result of `run` (which throws Stripe's errors),
   * with the attempt's fault applied. `replayed` says whether the answer is a stored one.
   */
  answer(attempt: Attempt, run: () => Record<string, unknown>): { answer: Answer; replayed: boolean } {
    const { method, path, key, claimed, fault } = attempt;
    const release = () => {
      if (claimed && key !== null) this.entries.delete(key);
    };
    if (fault === "500") {
      release();
      return { answer: internalError(), replayed: false };
    }
    let answer: Answer;
    let replayed = false;
    const existing = key !== null && !claimed ? this.entries.get(key) : undefined;
    const fingerprint = stableJson(attempt.params);
    if (existing?.state === "executing") {
      answer = error(409, {
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        message:
          "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
      });
    } else if (existing?.state === "done" && (existing.method !== method || existing.path !== path)) {
      answer = error(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.method} ${existing.path}' vs '${method} ${path}').`,
      });
    } else if (existing?.state === "done" && existing.fingerprint !== fingerprint) {
      answer = error(400, {
        type: "idempotency_error",
        message: "Keys for idempotent requests can only be used with the same parameters they were first used with.",
      });
    } else if (existing?.state === "done") {
      replayed = true;
      answer = {
        status: existing.status,
        body: existing.body,
        headers: { "idempotent-replayed": "true", "original-request": existing.requestId },
      };
    } else {
      let keep = true;
      try {
        answer = { status: 200, body: JSON.stringify(run()) };
      } catch (err) {
        if (!(err instanceof StripeTestApiError)) throw err;
        answer = error(err.status, err.body);
        keep = err.stored;
      }
      // Stripe keeps whatever answer it gives once execution has begun, a 500 included. A request refused by
      // validation never began, so its key stays free, as without the fault.
      if (fault === "500_after") answer = internalError();
      if (claimed && keep && key !== null)
        this.entries.set(key, {
          state: "done",
          method,
          path,
          fingerprint,
          status: answer.status,
          body: answer.body,
          requestId: attempt.requestId,
        });
      else release();
    }
    // On a replay or a refused reuse of a key nothing executed, so nothing is kept: the 500 replaces the answer.
    if (fault === "500_after" && answer.status !== 500) {
      replayed = false;
      answer = internalError();
    }
    return { answer, replayed };
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
