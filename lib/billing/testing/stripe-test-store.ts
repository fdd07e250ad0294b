import Stripe from "stripe";
import { invalid, newId, StripeTestApiError } from "./stripe-test-common";
import type { ListPage, PageInput, StoredObject, StripeTestObjects } from "./stripe-test-objects";

/**
 * Where the Stripe test server keeps its objects and what any object kind needs from it: lookup with Stripe's
 * "No such ..." errors, events stamped with the request that caused them, pagination and `expand[]`. The object
 * kinds build on it: customers (stripe-test-customers.ts), invoices, then credit notes.
 */

const NAMES: Record<string, string> = {
  cus_: "customer",
  pm_: "PaymentMethod",
  seti_: "setupintent",
  cs_: "checkout.session",
  bps_: "billing_portal.session",
  in_: "invoice",
  ii_: "invoiceitem",
  ch_: "charge",
  cn_: "credit note",
  re_: "refund",
  inpay_: "invoice payment",
  acct_: "account",
};

type RequestInfo = { id: string; idempotency_key: string | null } | null;
type StateOptions = { baseUrl: string; clock: () => number; emitted: (event: Stripe.Event) => void; pendingWebhooks: () => number };

export class StripeTestStore {
  readonly objects: StripeTestObjects = {
    customers: new Map(),
    paymentMethods: new Map(),
    setupIntents: new Map(),
    checkoutSessions: new Map(),
    portalSessions: new Map(),
    invoices: new Map(),
    invoiceItems: new Map(),
    invoicePayments: new Map(),
    charges: new Map(),
    creditNotes: new Map(),
    refunds: new Map(),
    accounts: new Map(),
    accountLinks: new Map(),
    loginLinks: new Map(),
  };
  readonly events: Stripe.Event[] = [];
  private request: RequestInfo = null;

  constructor(protected readonly opts: StateOptions) {}

  now(): number {
    return Math.floor(this.opts.clock() / 1000);
  }

  /** Runs `fn` on behalf of an API request, so its events carry the request id and idempotency key as Stripe's do. */
  during<T>(request: RequestInfo, fn: () => T): T {
    const outer = this.request;
    this.request = request;
    try {
      return fn();
    } finally {
      this.request = outer;
    }
  }

  find(id: string): StoredObject | undefined {
    for (const map of Object.values(this.objects) as Map<string, StoredObject>[]) {
      const found = map.get(id);
      if (found) return found;
    }
    return undefined;
  }

  get<T extends StoredObject>(map: Map<string, T>, id: string, param = "id"): T {
    const found = map.get(id);
    if (found) return found;
    const prefix = Object.keys(NAMES).find((p) => id.startsWith(p) && !(p === "in_" && id.startsWith("inpay_")));
    const name = prefix ? NAMES[prefix] : "object";
    throw new StripeTestApiError(404, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${name}: '${id}'` });
  }

  /** `account`: set on events of a connected account, as Stripe sends them to Connect endpoints. */
  protected emit(type: string, object: StoredObject, previous?: Record<string, unknown>, account?: string): void {
    const event = {
      id: newId("evt_"),
      object: "event",
      ...(account ? { account } : {}),
      api_version: Stripe.API_VERSION,
      created: this.now(),
      livemode: false,
      pending_webhooks: this.opts.pendingWebhooks(),
      request: this.request ?? { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    };
    // The snapshot carries only the fields this server simulates, so it cannot satisfy the SDK's full union type.
    const typed = event as unknown as Stripe.Event;
    this.events.push(typed);
    this.opts.emitted(typed);
  }

  /**
   * One page of `map`'s objects that `keep` accepts, newest first. The map's insertion order is the creation order:
   * `created` has only seconds, so it cannot order objects made in the same second.
   */
  list<T extends StoredObject>(map: Map<string, T>, url: string, page: PageInput, keep: (object: T) => boolean): ListPage {
    const limit = page.limit ?? 10;
    if (limit < 1) throw invalid("This value must be greater than or equal to 1.", "limit");
    if (limit > 100) throw invalid("This value must be less than or equal to 100.", "limit");
    if (page.startingAfter && page.endingBefore) throw invalid("You may only specify one of these parameters: ending_before, starting_after.", "starting_after");
    const all = [...map.values()].reverse();
    // A cursor is any object of the kind, even one the filters leave out: the page starts next to it all the same.
    const from = page.startingAfter ? all.indexOf(this.get(map, page.startingAfter, "starting_after")) + 1 : 0;
    const to = page.endingBefore ? all.indexOf(this.get(map, page.endingBefore, "ending_before")) : all.length;
    const matching = all.slice(from, to).filter(keep);
    // ending_before pages backwards: the `limit` objects nearest the cursor, still listed newest first.
    const data = page.endingBefore ? matching.slice(-limit) : matching.slice(0, limit);
    return { object: "list", data, has_more: matching.length > limit, url };
  }

  /** `expand[]` on any response: ids of stored objects become the objects, and some objects can include related lists. */
  render(object: StoredObject | ListPage, expand: readonly string[]): Record<string, unknown> {
    const out = structuredClone(object) as Record<string, unknown>;
    for (const path of expand) {
      if (!this.expandIn(out, path.split("."))) throw invalid(`This property cannot be expanded (${path}).`, "expand");
    }
    return out;
  }

  /**
   * Expands the path `parts` below `node`. As in Stripe, an array on the way (a list's `data`, a credit note's
   * `refunds`) has each of its items expanded, and an id on the way is expanded too, to reach the fields below it.
   */
  private expandIn(node: unknown, parts: readonly string[]): boolean {
    if (Array.isArray(node)) return node.every((item) => this.expandIn(item, parts));
    if (typeof node !== "object" || node === null) return false;
    const record = node as Record<string, unknown>;
    const [head, ...rest] = parts;
    if (!head || head === "id") return false;
    const related = rest.length === 0 ? this.relatedList(record, head) : undefined;
    if (related) {
      record[head] = related;
      return true;
    }
    const value = record[head];
    if (value === null) return true; // Stripe accepts expanding a field that is empty now
    if (typeof value === "string") {
      const found = this.find(value);
      if (!found) return false;
      record[head] = structuredClone(found);
    }
    if (rest.length > 0) return this.expandIn(record[head], rest);
    // An object expanded by an earlier path (`a.b` expands `a` too) may be named again.
    return typeof value === "string" || (typeof value === "object" && !Array.isArray(value) && typeof (value as { object?: unknown }).object === "string");
  }

  /** The lists Stripe includes only when expanded: an invoice's payments, a charge's refunds. */
  private relatedList(record: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
    const id = String(record.id);
    if (record.object === "invoice" && field === "payments") {
      const data = [...this.objects.invoicePayments.values()].filter((p) => p.invoice === id);
      return { object: "list", data: structuredClone(data), has_more: false, url: `/v1/invoice_payments?invoice=${id}` };
    }
    if (record.object === "charge" && field === "refunds") {
      const data = [...this.objects.refunds.values()].filter((r) => r.charge === id).reverse(); // newest first
      return { object: "list", data: structuredClone(data), has_more: false, url: `/v1/charges/${id}/refunds` };
    }
    return undefined;
  }
}
