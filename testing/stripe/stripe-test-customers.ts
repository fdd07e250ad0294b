import { applyMetadata, invalid, newId, type MetadataInput } from "./stripe-test-common";
import type { TestCard, TestCheckoutSession, TestCustomer, TestPaymentMethod, TestPortalSession, TestSetupIntent } from "./stripe-test-objects";
import { StripeTestConnect } from "./stripe-test-connect";

/**
 * Customers and their cards, Checkout in setup mode and the customer portal: how a customer comes to have a card
 * that invoices can charge. Invoices build on it (stripe-test-invoices.ts).
 */

export class StripeTestCustomers extends StripeTestConnect {
  /** Cards that attach fine but are declined when charged (Stripe's 4000 0000 0000 0341). */
  private readonly decliningCards = new Set<string>();

  // Customers and cards

  createCustomer(input: { email?: string; name?: string; metadata?: MetadataInput; defaultPaymentMethod?: string }): TestCustomer {
    const customer: TestCustomer = {
      id: newId("cus_"),
      object: "customer",
      created: this.now(),
      livemode: false,
      email: input.email || null,
      name: input.name || null,
      metadata: applyMetadata({}, input.metadata),
      invoice_settings: { default_payment_method: null },
    };
    // Stripe requires the default to be attached to this customer, which a customer being created cannot have yet.
    if (input.defaultPaymentMethod) this.attachedCard(customer.id, input.defaultPaymentMethod, "invoice_settings[default_payment_method]");
    this.save(this.objects.customers, customer);
    this.emit("customer.created", customer);
    return customer;
  }

  updateCustomer(id: string, input: { email?: string; name?: string; metadata?: MetadataInput; defaultPaymentMethod?: string }): TestCustomer {
    const customer = this.get(this.objects.customers, id);
    if (input.defaultPaymentMethod) this.attachedCard(id, input.defaultPaymentMethod, "invoice_settings[default_payment_method]");
    const before = structuredClone(customer);
    if (input.email !== undefined) customer.email = input.email || null;
    if (input.name !== undefined) customer.name = input.name || null;
    customer.metadata = applyMetadata(customer.metadata, input.metadata);
    if (input.defaultPaymentMethod !== undefined) customer.invoice_settings = { default_payment_method: input.defaultPaymentMethod || null };
    const previous: Record<string, unknown> = {};
    for (const key of ["email", "name", "metadata", "invoice_settings"] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(customer[key])) previous[key] = before[key];
    }
    if (Object.keys(previous).length > 0) this.emit("customer.updated", customer, previous);
    return customer;
  }

  private attachedCard(customerId: string, pmId: string, param: string): TestPaymentMethod {
    const pm = this.get(this.objects.paymentMethods, pmId, param);
    if (pm.customer !== customerId) {
      throw invalid(`The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`, param);
    }
    return pm;
  }

  attachCard(customerId: string, card: TestCard = {}): TestPaymentMethod {
    this.get(this.objects.customers, customerId, "customer");
    const pm: TestPaymentMethod = {
      id: newId("pm_"),
      object: "payment_method",
      type: "card",
      created: this.now(),
      livemode: false,
      customer: customerId,
      card: {
        brand: card.brand ?? "visa",
        last4: card.last4 ?? (card.declines ? "0341" : "4242"),
        exp_month: 12,
        exp_year: new Date(this.opts.clock()).getUTCFullYear() + 3,
        funding: "credit",
        country: "US",
      },
      metadata: {},
    };
    this.save(this.objects.paymentMethods, pm);
    if (card.declines) this.decliningCards.add(pm.id);
    this.emit("payment_method.attached", pm);
    return pm;
  }

  /** A card attached and made the default for invoices, as a customer would do in the portal. */
  addCard(customerId: string, card: TestCard = {}): string {
    const pm = this.attachCard(customerId, card);
    this.updateCustomer(customerId, { defaultPaymentMethod: pm.id });
    return pm.id;
  }

  // Checkout (setup mode) and the customer portal

  createCheckoutSession(input: {
    mode: string;
    customer: string;
    successUrl?: string;
    cancelUrl?: string;
    currency?: string;
    paymentMethodTypes?: string[];
    clientReferenceId?: string;
    metadata?: MetadataInput;
  }): TestCheckoutSession {
    if (input.mode !== "setup") throw invalid(`This test server supports only mode=setup, not '${input.mode}'.`, "mode");
    this.get(this.objects.customers, input.customer, "customer");
    if (input.paymentMethodTypes && !input.paymentMethodTypes.includes("card")) {
      throw invalid("This test server supports only card payment methods.", "payment_method_types");
    }
    const id = newId("cs_test_");
    const created = this.now();
    const session: TestCheckoutSession = {
      id,
      object: "checkout.session",
      created,
      livemode: false,
      mode: "setup",
      status: "open",
      payment_status: "no_payment_required",
      url: `${this.opts.baseUrl}/checkout/${id}`,
      customer: input.customer,
      setup_intent: null,
      success_url: input.successUrl ?? null,
      cancel_url: input.cancelUrl ?? null,
      currency: input.currency?.toLowerCase() ?? null,
      payment_method_types: input.paymentMethodTypes ?? ["card"],
      client_reference_id: input.clientReferenceId ?? null,
      expires_at: created + 24 * 3600,
      metadata: applyMetadata({}, input.metadata),
    };
    this.save(this.objects.checkoutSessions, session);
    return session;
  }

  /** What the hosted page does when the customer saves a card. Like Stripe, it does not change the customer's default. */
  completeCheckout(sessionId: string, card: TestCard = {}): TestCheckoutSession {
    const session = this.get(this.objects.checkoutSessions, sessionId);
    if (session.status !== "open") throw invalid("This Checkout Session is no longer active.", "id");
    const pm = this.attachCard(session.customer, card);
    const setupIntent: TestSetupIntent = {
      id: newId("seti_"),
      object: "setup_intent",
      created: this.now(),
      livemode: false,
      status: "succeeded",
      customer: session.customer,
      payment_method: pm.id,
      usage: "off_session",
      payment_method_types: ["card"],
      metadata: {},
    };
    this.save(this.objects.setupIntents, setupIntent);
    Object.assign(session, { status: "complete", setup_intent: setupIntent.id, url: null });
    this.emit("setup_intent.succeeded", setupIntent);
    this.emit("checkout.session.completed", session);
    return session;
  }

  createPortalSession(input: { customer: string; returnUrl?: string }): TestPortalSession {
    this.get(this.objects.customers, input.customer, "customer");
    const id = newId("bps_");
    const session: TestPortalSession = {
      id,
      object: "billing_portal.session",
      created: this.now(),
      livemode: false,
      url: `${this.opts.baseUrl}/portal/${id}`,
      customer: input.customer,
      return_url: input.returnUrl ?? null,
    };
    this.save(this.objects.portalSessions, session);
    return session;
  }

  // For invoices (stripe-test-invoices.ts).
  protected declines(pmId: string): boolean {
    return this.decliningCards.has(pmId);
  }
}
