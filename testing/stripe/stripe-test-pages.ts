import { StripeTestApiError } from "./stripe-test-common";
import type { TestInvoice, TestPaymentMethod } from "./stripe-test-objects";
import type { Params } from "./stripe-test-params";
import type { StripeTestStore } from "./stripe-test-store";
import { completeOnboarding, loginTarget, onboardingTarget, spendOnboardingLink } from "./resources/connect";
import { completeCheckout as saveCheckoutCard } from "./resources/customers";
import { payInvoiceWithNewCard } from "./resources/invoice-payments";

/**
 * The pages Stripe hosts (Checkout, the invoice page and its PDF, the customer portal), small enough for browser
 * tests to drive by role and label, with no external assets. They change store through the same code as the API.
 */

export type PageResponse = { status: number; headers: Record<string, string>; body: string | Buffer };

const CARDS: Record<string, { label: string; declines: boolean }> = {
  "4242": { label: "succeeds", declines: false },
  "0341": { label: "declines when charged", declines: true },
};

export function hostedPage(store: StripeTestStore, method: string, path: string, form: Params): PageResponse {
  // A page at the root, so a readiness check (Playwright's webServer.url) finds the server up.
  if (path === "/") return html(200, "Stripe test server", "<p>The API is served under /v1.</p>");
  const connect = /^\/connect\/(onboarding|express)\/([^/]+)$/.exec(path);
  if (connect) {
    try {
      if (connect[1] === "onboarding") return onboardingPage(store, connect[2], method);
      if (method === "GET") return expressDashboard(store, connect[2]);
    } catch (err) {
      if (!(err instanceof StripeTestApiError)) throw err;
      return html(err.status, "Something went wrong", `<p role="alert">${escape(err.message)}</p>`);
    }
  }
  const [, kind, id, extra] = /^\/(checkout|invoice|portal)\/([^/]+)(?:\/(pdf))?$/.exec(path) ?? [];
  try {
    // A page acts as the account that owns its session or invoice: a connected account's customer stays on it.
    const page = kind ? store.actingFor(id, () => objectPage(store, kind, id, extra, method, form)) : null;
    if (page) return page;
  } catch (err) {
    if (!(err instanceof StripeTestApiError)) throw err;
    return html(err.status, "Something went wrong", `<p role="alert">${escape(err.message)}</p>`);
  }
  return html(404, "Page not found", "<p>There is no such page on this Stripe test server.</p>");
}

function objectPage(
  store: StripeTestStore,
  kind: string,
  id: string,
  extra: string | undefined,
  method: string,
  form: Params,
): PageResponse | null {
  if (kind === "checkout" && !extra)
    return method === "POST" ? completeCheckout(store, id, form) : checkoutPage(store, id);
  if (kind === "invoice" && extra === "pdf" && method === "GET") {
    const invoice = store.get(store.objects.invoices, id);
    if (invoice.invoice_pdf) return invoicePdf(invoice);
  }
  if (kind === "invoice" && !extra) {
    if (method === "POST") {
      payInvoiceWithNewCard(store, id);
      return { status: 303, headers: { location: `/invoice/${id}` }, body: "" };
    }
    return invoicePage(store, id);
  }
  if (kind === "portal" && !extra && method === "GET") return portalPage(store, id);
  return null;
}

/** Connect onboarding: what Stripe still needs, and a button that provides it all. A spent link goes to refresh_url. */
function onboardingPage(store: StripeTestStore, token: string, method: string): PageResponse {
  const target = onboardingTarget(store, token);
  if (!target.live) return { status: 303, headers: { location: target.refreshUrl }, body: "" };
  const account = store.get(store.objects.accounts, target.account);
  if (method === "POST") {
    spendOnboardingLink(store, token);
    completeOnboarding(store, account.id);
    return { status: 303, headers: { location: target.returnUrl }, body: "" };
  }
  const due = account.requirements.currently_due.map((r) => `<li>${escape(r)}</li>`).join("");
  const name = account.business_profile.name ?? account.id;
  return html(
    200,
    `Set up payments for ${name}`,
    `${due ? `<p>Stripe needs:</p><ul>${due}</ul>` : "<p>Nothing is due.</p>"}<form method="post"><button type="submit">Submit details</button></form><p><a href="${escape(target.returnUrl)}">Return without submitting</a></p>`,
  );
}

function expressDashboard(store: StripeTestStore, token: string): PageResponse {
  const account = loginTarget(store, token);
  return html(
    200,
    `Express dashboard (test) for ${account.business_profile.name ?? account.id}`,
    `<p>Payouts ${account.payouts_enabled ? "enabled" : "paused"}.</p>`,
  );
}

function checkoutPage(store: StripeTestStore, id: string): PageResponse {
  const session = store.get(store.objects.checkoutSessions, id);
  const customer = store.get(store.objects.customers, session.customer);
  const who = customer.email ?? customer.name ?? customer.id;
  if (session.status !== "open")
    return html(410, "This checkout is complete", `<p>A card was already saved for ${escape(who)}.</p>`);
  const options = Object.entries(CARDS)
    .map(
      ([last4, card], i) =>
        `<label><input type="radio" name="card" value="${last4}"${i === 0 ? " checked" : ""}> Visa •••• ${last4} (${card.label})</label>`,
    )
    .join("<br>");
  const cancel = session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">Cancel</a></p>` : "";
  return html(
    200,
    `Save a card for ${who}`,
    `<form method="post"><fieldset><legend>Test card</legend>${options}</fieldset><p><button type="submit">Save card</button></p></form>${cancel}`,
  );
}

function completeCheckout(store: StripeTestStore, id: string, form: Params): PageResponse {
  const last4 = typeof form.card === "string" && form.card in CARDS ? form.card : "4242";
  const session = saveCheckoutCard(store, id, { last4, declines: CARDS[last4].declines });
  if (!session.success_url) return html(200, "Card saved", "<p>Your card was saved. You can close this page.</p>");
  return {
    status: 303,
    headers: { location: session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) },
    body: "",
  };
}

function invoicePage(store: StripeTestStore, id: string): PageResponse {
  const invoice = store.get(store.objects.invoices, id);
  // Stripe hosts an invoice only once it is finalized.
  if (!invoice.hosted_invoice_url) return html(404, "Page not found", "<p>This invoice is not finalized yet.</p>");
  const due = money(invoice.amount_remaining, invoice.currency);
  const pay =
    invoice.status === "open" ? `<form method="post"><button type="submit">Pay ${escape(due)}</button></form>` : "";
  const lines = invoice.lines.data
    .map((l) => `<li>${escape(l.description ?? "Item")}: ${escape(money(l.amount, l.currency))}</li>`)
    .join("");
  return html(
    200,
    `Invoice ${invoice.number ?? invoice.id}`,
    `<ul>${lines}</ul><p>Total: ${escape(money(invoice.total, invoice.currency))}</p><p>Amount due: ${escape(due)}</p><p>Status: ${escape(invoice.status)}</p>${pay}<p><a href="/invoice/${escape(invoice.id)}/pdf">Download PDF</a></p>`,
  );
}

function portalPage(store: StripeTestStore, id: string): PageResponse {
  const session = store.get(store.objects.portalSessions, id);
  const customer = store.get(store.objects.customers, session.customer);
  const pmId = customer.invoice_settings.default_payment_method;
  const card = pmId ? `Default card: ${cardLabel(store.get(store.objects.paymentMethods, pmId))}` : "No default card";
  const back = session.return_url ? `<p><a href="${escape(session.return_url)}">Return to the site</a></p>` : "";
  return html(
    200,
    "Customer portal (test)",
    `<p>${escape(customer.email ?? customer.id)}</p><p>${escape(card)}</p>${back}`,
  );
}

function cardLabel(pm: TestPaymentMethod): string {
  const brand =
    pm.card.brand === "amex" ? "American Express" : pm.card.brand.charAt(0).toUpperCase() + pm.card.brand.slice(1);
  return `${brand} •••• ${pm.card.last4}`;
}

/** Amounts are in the currency's minor unit: cents for EUR, but whole yen for JPY. */
function money(amount: number, currency: string, currencyDisplay: "symbol" | "code" = "symbol"): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase(), currencyDisplay });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(status: number, title: string, body: string): PageResponse {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · Stripe test server</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}button{font:inherit;padding:.5rem 1rem}</style></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body: page };
}

/** A one-page PDF that viewers open, with the invoice number and total in plain text. */
function invoicePdf(invoice: TestInvoice): PageResponse {
  // PDF string syntax reserves backslashes and parentheses, and the built-in font covers ASCII only.
  const text =
    `Invoice ${invoice.number ?? invoice.id}: ${money(invoice.total, invoice.currency, "code")} (${invoice.status})`
      .replace(/\s/g, " ")
      .replace(/[^ -~]|[\\()]/g, "?");
  const stream = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return {
    status: 200,
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${invoice.id}.pdf"` },
    body: Buffer.from(pdf, "latin1"),
  };
}
