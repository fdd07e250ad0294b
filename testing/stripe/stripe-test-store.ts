import Stripe from "stripe";
import { invalid, newId, StripeTestApiError } from "./stripe-test-common";
import type { ListPage, PageInput, StoredObject, StripeTestObjects } from "./stripe-test-objects";

/**
 * Where the Stripe test server keeps its objects and what any resource needs from it: ids and lookups with Stripe's
 * "No such ..." errors, events stamped with the request that caused them, pagination and `expand[]`. It knows no
 * resource's rules: those are in resources/*.ts, one module per family, which take the store as their first argument
 * and export their routes (composed in stripe-test-routes.ts). A resource's own bookkeeping (a card that declines,
 * an invoice's terms, where an account link leads) stays in its module, per store (`perStore`).
 *
 * Every object belongs to an account, as in Stripe: the platform's, or the connected account named by the
 * Stripe-Account header of the request that created it. A request sees only its own account's objects; any other is
 * "No such ..." (404), in a lookup, a list, a referenced id or an expansion. The owner is kept beside the object, not
 * in it, since Stripe's JSON does not show it. Accounts themselves (and their links) are the platform's, visible to all.
 * Tax settings, one per account and without an id, are kept under the account's id instead ("platform" for the
 * platform's), and line items under the calculation or transaction they belong to (`saveItem`, `itemsOf`).
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
  pi_: "payment_intent",
  cn_: "credit note",
  re_: "refund",
  fee_: "application fee",
  fr_: "fee refund",
  inpay_: "invoice payment",
  acct_: "account",
  taxreg_: "tax.registration",
  taxcalc_: "tax.calculation",
  tax_li_: "tax line item",
  tax_: "tax.transaction",
};

type RequestInfo = { id: string; idempotency_key: string | null } | null;
type StoreOptions = {
  baseUrl: string;
  clock: () => number;
  emitted: (event: Stripe.Event) => void;
  pendingWebhooks: (account: string | null) => number;
};

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
    paymentIntents: new Map(),
    charges: new Map(),
    creditNotes: new Map(),
    refunds: new Map(),
    applicationFees: new Map(),
    feeRefunds: new Map(),
    accounts: new Map(),
    accountLinks: new Map(),
    loginLinks: new Map(),
    taxSettings: new Map(),
    taxRegistrations: new Map(),
    taxCalculations: new Map(),
    taxCalculationLineItems: new Map(),
    taxTransactions: new Map(),
    taxTransactionLineItems: new Map(),
  };
  readonly events: Stripe.Event[] = [];
  private request: RequestInfo = null;
  /** The connected account the current request acts on (its Stripe-Account header); null: the platform. */
  private account: string | null = null;
  /** Which connected account owns an object, by id; an object not here is the platform's. */
  private readonly owners = new Map<string, string>();
  /** The object each item belongs to, by the item's id: a tax calculation's or transaction's line items. */
  private readonly parents = new Map<string, string>();

  /** Where the hosted pages are served (Checkout, invoices, the portal, Connect onboarding). */
  readonly baseUrl: string;
  /** Stripe's clock, in milliseconds. */
  readonly clock: () => number;

  constructor(private readonly opts: StoreOptions) {
    this.baseUrl = opts.baseUrl;
    this.clock = opts.clock;
  }

  now(): number {
    return Math.floor(this.opts.clock() / 1000);
  }

  /**
   * Runs `fn` on behalf of an API request, so its events carry the request id and idempotency key as Stripe's do,
   * acting on `account` (the Stripe-Account header; null, the platform).
   */
  during<T>(request: RequestInfo, fn: () => T, account: string | null = null): T {
    const outer = { request: this.request, account: this.account };
    this.request = request;
    this.account = account;
    try {
      return fn();
    } finally {
      this.request = outer.request;
      this.account = outer.account;
    }
  }

  /** Runs `fn` as the account that owns object `id`: what a hosted page or a test helper does to that object. */
  actingFor<T>(id: string, fn: () => T): T {
    return this.during(null, fn, this.ownerOf(id));
  }

  /** The connected account the current request acts on; null for the platform. */
  get actingAccount(): string | null {
    return this.account;
  }

  /** The connected account that owns object `id`, or null for the platform's (and for unknown ids). */
  ownerOf(id: string): string | null {
    return this.owners.get(id) ?? null;
  }

  /** Keeps a new object, owned by the account the current request acts on unless `owner` says otherwise. */
  save<T extends StoredObject & { id: string }>(
    map: Map<string, T>,
    object: T,
    owner: string | null = this.account,
  ): T {
    map.set(object.id, object);
    if (owner !== null && map !== this.objects.accounts) this.owners.set(object.id, owner);
    return object;
  }

  /** Keeps an item of object `parent` (a line item), owned by the account that owns the parent. */
  saveItem<T extends StoredObject & { id: string }>(map: Map<string, T>, item: T, parent: string): T {
    this.parents.set(item.id, parent);
    return this.save(map, item, this.ownerOf(parent));
  }

  /** The items of object `parent` kept in `map`, in the order they were made. */
  itemsOf<T extends StoredObject & { id: string }>(map: Map<string, T>, parent: string): T[] {
    return [...map.values()].filter((item) => this.parents.get(item.id) === parent);
  }

  private visible(map: Map<string, StoredObject>, object: StoredObject): boolean {
    if (map === this.objects.accounts || !("id" in object)) return true;
    return this.ownerOf(object.id) === this.account;
  }

  find(id: string): StoredObject | undefined {
    for (const map of Object.values(this.objects) as Map<string, StoredObject>[]) {
      const found = map.get(id);
      if (found) return this.visible(map, found) ? found : undefined;
    }
    return undefined;
  }

  get<T extends StoredObject>(map: Map<string, T>, id: string, param = "id"): T {
    const found = map.get(id);
    if (found && this.visible(map as Map<string, StoredObject>, found)) return found;
    // The longest prefix names it: inpay_ before in_, tax_li_ before tax_.
    const prefix = Object.keys(NAMES)
      .filter((p) => id.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    const name = prefix ? NAMES[prefix] : "object";
    throw new StripeTestApiError(404, {
      type: "invalid_request_error",
      code: "resource_missing",
      param,
      message: `No such ${name}: '${id}'`,
    });
  }

  /**
   * `account`: set on events of a connected account, as Stripe sends them to Connect endpoints. It defaults to the
   * account that owns the object; an account's own events name it explicitly.
   */
  emit(type: string, object: StoredObject, previous?: Record<string, unknown>, account?: string): void {
    const owner = account ?? ("id" in object ? this.ownerOf(object.id) : null) ?? undefined;
    const event = {
      id: newId("evt_"),
      object: "event",
      ...(owner ? { account: owner } : {}),
      api_version: Stripe.API_VERSION,
      created: this.now(),
      livemode: false,
      pending_webhooks: this.opts.pendingWebhooks(owner ?? null),
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
  list<T extends StoredObject>(
    map: Map<string, T>,
    url: string,
    page: PageInput,
    keep: (object: T) => boolean,
  ): ListPage {
    const limit = page.limit ?? 10;
    if (limit < 1) throw invalid("This value must be greater than or equal to 1.", "limit");
    if (limit > 100) throw invalid("This value must be less than or equal to 100.", "limit");
    if (page.startingAfter && page.endingBefore)
      throw invalid("You may only specify one of these parameters: ending_before, starting_after.", "starting_after");
    const all = [...map.values()].reverse();
    // A cursor is any object of the kind, even one the filters leave out: the page starts next to it all the same.
    const from = page.startingAfter ? all.indexOf(this.get(map, page.startingAfter, "starting_after")) + 1 : 0;
    const to = page.endingBefore ? all.indexOf(this.get(map, page.endingBefore, "ending_before")) : all.length;
    const matching = all
      .slice(from, to)
      .filter((object) => this.visible(map as Map<string, StoredObject>, object) && keep(object));
    // ending_before pages backwards: the `limit` objects nearest the cursor, still listed newest first.
    const data = page.endingBefore ? matching.slice(-limit) : matching.slice(0, limit);
    return { object: "list", data, has_more: matching.length > limit, url };
  }

  /** `expand[]` on any response: ids of stored objects become the objects, and some objects can include related lists. */
  render(object: StoredObject | ListPage, expand: readonly string[]): Record<string, unknown> {
    const out = structuredClone(object) as Record<string, unknown>;
    for (const path of expand) {
      const parts = path.split(".");
      // Stripe's limit: "Expansions have a maximum depth of four levels" (a list's `data` counts as one).
      if (parts.length > 4)
        throw invalid(`You cannot expand more than 4 levels of a property. Property: ${path}`, "expand");
      if (!this.expandIn(out, parts)) throw invalid(`This property cannot be expanded (${path}).`, "expand");
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
    const related = record[head] === undefined ? this.relatedList(record, head) : undefined;
    if (related) {
      record[head] = related;
      return rest.length === 0 || this.expandIn(related, rest);
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
    return (
      typeof value === "string" ||
      (typeof value === "object" && !Array.isArray(value) && typeof (value as { object?: unknown }).object === "string")
    );
  }

  /**
   * The lists Stripe includes only when expanded: an invoice's payments, a charge's refunds, a tax calculation's or
   * transaction's line items (the first 10, in their order, as Stripe includes a list; the rest are paged from the
   * list's url).
   */
  private relatedList(record: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
    const id = String(record.id);
    if (record.object === "invoice" && field === "payments") {
      const data = [...this.objects.invoicePayments.values()].filter((p) => p.invoice === id);
      return {
        object: "list",
        data: structuredClone(data),
        has_more: false,
        url: `/v1/invoice_payments?invoice=${id}`,
      };
    }
    if (record.object === "charge" && field === "refunds") {
      const data = [...this.objects.refunds.values()].filter((r) => r.charge === id).reverse(); // newest first
      return { object: "list", data: structuredClone(data), has_more: false, url: `/v1/charges/${id}/refunds` };
    }
    if (field === "line_items" && (record.object === "tax.calculation" || record.object === "tax.transaction")) {
      const calculation = record.object === "tax.calculation";
      const items: StoredObject[] = calculation
        ? this.itemsOf(this.objects.taxCalculationLineItems, id)
        : this.itemsOf(this.objects.taxTransactionLineItems, id);
      const url = `/v1/tax/${calculation ? "calculations" : "transactions"}/${id}/line_items`;
      return { object: "list", data: structuredClone(items.slice(0, 10)), has_more: items.length > 10, url };
    }
    return undefined;
  }
}

/**
 * State a resource module keeps beside the store's objects, one per store (so two servers in one process never
 * share it): `const terms = perStore(() => new Map<string, Terms>())`, then `terms(store)`.
 */
export function perStore<T>(make: () => T): (store: StripeTestStore) => T {
  const tables = new WeakMap<StripeTestStore, T>();
  return (store) => {
    let table = tables.get(store);
    if (table === undefined) tables.set(store, (table = make()));
    return table;
  };
}
