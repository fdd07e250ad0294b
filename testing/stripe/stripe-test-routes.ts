import { StripeTestApiError } from "./stripe-test-common";
import { decode, strings, unknown, type Params } from "./stripe-test-params";
import type { StripeTestStore } from "./stripe-test-store";
import { applicationFeeRoutes } from "./resources/application-fees";
import { chargeRoutes } from "./resources/charges";
import { connectRoutes } from "./resources/connect";
import { creditNoteRoutes } from "./resources/credit-notes";
import { customerRoutes } from "./resources/customers";
import { invoicePaymentRoutes } from "./resources/invoice-payments";
import { invoiceRoutes } from "./resources/invoices";
import { taxRoutes } from "./resources/tax";
import { taxTransactionRoutes } from "./resources/tax-transactions";
import type { Route } from "./resources/route";

/**
 * The API surface of the Stripe test server: the routes of every resource module, composed by this list (a new
 * resource is a module in resources/ and a line here), and runApiRequest, which serves one request with them.
 */

// The form parser is part of this module's interface, as it always was; it lives with the parameter readers.
export { parseStripeForm, type Params } from "./stripe-test-params";

const routes: readonly Route[] = [
  ...customerRoutes,
  ...invoiceRoutes,
  ...invoicePaymentRoutes,
  ...chargeRoutes,
  ...applicationFeeRoutes,
  ...creditNoteRoutes,
  ...connectRoutes,
  ...taxRoutes,
  ...taxTransactionRoutes,
];

/** Runs one API request against the store and returns the response body; Stripe's errors are thrown. */
export function runApiRequest(
  store: StripeTestStore,
  method: string,
  path: string,
  params: Params,
): Record<string, unknown> {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    for (const key of Object.keys(params)) if (key !== "expand" && !route.params.includes(key)) throw unknown(key);
    const expand = strings(params, "expand") ?? [];
    const object = route.handler(store, params, match[1] ? decode(match[1]) : "");
    try {
      return store.render(object, expand);
    } catch (err) {
      // The operation has happened by now, so its answer is kept under the idempotency key like any other.
      throw err instanceof StripeTestApiError ? new StripeTestApiError(err.status, err.body, true) : err;
    }
  }
  throw new StripeTestApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}).`,
  });
}
