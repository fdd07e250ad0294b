import type { ListPage, StoredObject } from "../stripe-test-objects";
import type { Params } from "../stripe-test-params";
import type { StripeTestStore } from "../stripe-test-store";

/**
 * What a resource module exports for the router (stripe-test-routes.ts): its endpoints, each with the parameters it
 * takes (any other is refused, as Stripe refuses it) and a handler that reads them and acts on the store.
 * `id` is the path's one variable part (`/v1/invoices/:id/pay`), decoded; "" when the path has none.
 */
export type Route = {
  method: "GET" | "POST";
  pattern: RegExp;
  params: readonly string[];
  handler: (store: StripeTestStore, params: Params, id: string) => StoredObject | ListPage;
};

/** A list filter: no value given lets everything through. */
export const is = <T>(wanted: T | undefined, actual: T) => wanted === undefined || wanted === actual;
