import Link from "next/link";
import type { Metadata } from "next";
import { CreditCard, Receipt, Users } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import type { Member } from "@/lib/auth/member";
import { requireMember } from "@/lib/auth/require-member";
import { cardRequired } from "@/lib/billing/booking-gate";
import { cardOnFile, checkoutReturn } from "@/lib/billing/customers";
import { creatorBalance } from "@/lib/billing/balances";
import { listCharges, listCreatorBalances, listInvoices } from "@/lib/billing/list-billing";
import { chargingAt, paymentsTarget } from "@/lib/billing/payments-target";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { getPolicies } from "@/lib/policies/policies";
import { CardCheckoutButton, PortalButton } from "./billing-forms";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { ChargesTable, InvoicesTable, StripeNotice } from "./billing-tables";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ checkout?: string; session_id?: string }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "billing.view" });
  const payments = await paymentsTarget(getDb(), member.workspaceId);
  return (
    <div className="grid gap-6">
      <header>
        <h1 className="text-2xl font-semibold">Billing</h1>
        <p className="text-muted-foreground">
          {can(member, "billing.manage")
            ? "What every creator owes, their invoices and corrections."
            : "Your card, your upcoming charges and your invoices."}
        </p>
      </header>
      <StripeNotice payments={payments} workspace={member.workspaceSlug} owner={can(member, "payments.manage")} />
      {can(member, "billing.manage") ? (
        <ManagerBilling member={member} />
      ) : (
        <CreatorBilling member={member} query={await searchParams} />
      )}
    </div>
  );
}

async function CreatorBilling({
  member,
  query,
}: {
  member: Member;
  query: { checkout?: string; session_id?: string };
}) {
  const db = getDb();
  const payments = await paymentsTarget(db, member.workspaceId);
  const charging = chargingAt(payments);
  const stripe = charging.ok ? charging.value : null;
  const now = appNow();
  let returned: "saved" | "pending" | "cancelled" | null = query.checkout === "cancelled" ? "cancelled" : null;
  if (stripe && query.checkout === "done" && typeof query.session_id === "string" && query.session_id.length < 300) {
    returned = await checkoutReturn(
      db,
      stripe,
      { workspaceId: member.workspaceId, userId: member.userId, sessionId: query.session_id },
      now,
    );
  }
  const [card, balance, charges, invoices, policies, zone] = await Promise.all([
    cardOnFile(db, member.workspaceId, member.userId, payments.account),
    creatorBalance(db, member.workspaceId, member.userId),
    listCharges(db, member, { status: "pending" }),
    listInvoices(db, member),
    getPolicies(db, member.workspaceId),
    workspaceTimeZone(db, member.workspaceId),
  ]);
  const slug = member.workspaceSlug;
  return (
    <>
      {returned === "saved" ? (
        <Alert variant="success">Card saved. It will be charged for your sessions and fees.</Alert>
      ) : null}
      {returned === "pending" ? (
        <Alert>Stripe is still confirming your card; it appears here in a moment.</Alert>
      ) : null}
      {returned === "cancelled" ? <Alert>No card was saved.</Alert> : null}
      {balance.failedInvoices.length > 0 ? (
        <Alert variant="destructive">
          <strong>A payment failed.</strong>{" "}
          {cardRequired(policies, payments.canCharge) || policies.blockBookingWhenUnpaid === "yes"
            ? "New bookings are on hold until it is settled. "
            : ""}
          {balance.failedInvoices.map((f) =>
            f.hostedInvoiceUrl ? (
              <a
                key={f.id}
                className="mr-3 font-medium underline underline-offset-4"
                href={f.hostedInvoiceUrl}
                target="_blank"
                rel="noreferrer"
              >
                Pay {formatMoney(f.amountDueCents, f.currency)} ({f.description})
              </a>
            ) : (
              <span key={f.id} className="mr-3">
                {formatMoney(f.amountDueCents, f.currency)} ({f.description}): settle it with the studio.
              </span>
            ),
          )}
        </Alert>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Card on file</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {card ? (
              <p>
                <CreditCard className="mr-2 inline size-4" aria-hidden />
                <span className="capitalize">{card.brand}</span> ending in {card.last4}
                {card.expMonth && card.expYear
                  ? `, expires ${String(card.expMonth).padStart(2, "0")}/${card.expYear}`
                  : ""}
              </p>
            ) : (
              <p className="text-muted-foreground">
                No card on file.
                {cardRequired(policies, payments.canCharge) ? " This studio needs one before you book." : ""}
              </p>
            )}
            {stripe ? (
              <>
                <CardCheckoutButton workspace={slug} label={card ? "Replace card" : "Add a card"} />
                <PortalButton workspace={slug} />
              </>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Balance</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-2xl font-semibold tabular-nums" data-testid="balance">
              {balance.outstanding.length
                ? balance.outstanding.map((o) => formatMoney(o.cents, o.currency)).join(" + ")
                : "Nothing owed"}
            </p>
            <p className="text-sm text-muted-foreground">Upcoming charges and unpaid invoices.</p>
          </CardContent>
        </Card>
      </div>
      <section className="grid gap-3" aria-labelledby="upcoming">
        <h2 id="upcoming" className="text-lg font-semibold">
          Upcoming charges
        </h2>
        {charges.length === 0 ? (
          <EmptyState title="No upcoming charges" icon={<Receipt />}>
            Completed sessions and fees appear here until they are invoiced.
          </EmptyState>
        ) : (
          <ChargesTable rows={charges} caption="Upcoming charges, not yet invoiced" zone={zone} />
        )}
      </section>
      <section className="grid gap-3" aria-labelledby="invoices">
        <h2 id="invoices" className="text-lg font-semibold">
          Invoices
        </h2>
        {invoices.length === 0 ? (
          <EmptyState title="No invoices yet" icon={<Receipt />}>
            Each session and each fee gets its own invoice.
          </EmptyState>
        ) : (
          <InvoicesTable
            rows={invoices}
            caption="Your invoices"
            zone={zone}
            waiting={payments.mode === "platform" && !payments.canCharge}
          />
        )}
      </section>
      <p className="text-sm text-muted-foreground">
        Questions about a charge? Ask the studio; booking details are under{" "}
        <Link className="underline underline-offset-4" href={`/w/${slug}/bookings?when=past`}>
          past bookings
        </Link>
        .
      </p>
    </>
  );
}

async function ManagerBilling({ member }: { member: Member }) {
  const payments = await paymentsTarget(getDb(), member.workspaceId);
  const db = getDb();
  const [creators, invoices, zone] = await Promise.all([
    listCreatorBalances(db, member.workspaceId),
    listInvoices(db, member, { limit: 50 }),
    workspaceTimeZone(db, member.workspaceId),
  ]);
  const slug = member.workspaceSlug;
  return (
    <>
      <section className="grid gap-3" aria-labelledby="creators">
        <h2 id="creators" className="text-lg font-semibold">
          Creators
        </h2>
        {creators.length === 0 ? (
          <EmptyState title="No creators yet" icon={<Users />}>
            Invite creators under Members; what they owe appears here.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <caption className="sr-only">What each creator owes</caption>
              <TableHeader>
                <TableRow>
                  <TableHead>Creator</TableHead>
                  <TableHead>Card</TableHead>
                  <TableHead>Failed payments</TableHead>
                  <TableHead className="text-right">Outstanding</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {creators.map((c) => (
                  <TableRow key={c.userId}>
                    <TableCell>
                      <Link
                        className="font-medium underline underline-offset-4"
                        href={`/w/${slug}/billing/creators/${c.userId}`}
                      >
                        {c.name ?? c.email}
                      </Link>
                      {c.name ? <span className="block text-xs text-muted-foreground">{c.email}</span> : null}
                    </TableCell>
                    <TableCell>{c.hasCard ? "On file" : "None"}</TableCell>
                    <TableCell className={c.failedInvoices > 0 ? "font-medium text-destructive" : ""}>
                      {c.failedInvoices}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {c.owed.length ? c.owed.map((o) => formatMoney(o.cents, o.currency)).join(" + ") : "—"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      <section className="grid gap-3" aria-labelledby="recent">
        <h2 id="recent" className="text-lg font-semibold">
          Recent invoices
        </h2>
        {invoices.length === 0 ? (
          <EmptyState title="No invoices yet" icon={<Receipt />}>
            Completed sessions and fees are invoiced after the delay set in Setup → Policies.
          </EmptyState>
        ) : (
          <InvoicesTable
            rows={invoices}
            caption="The 50 most recent invoices"
            zone={zone}
            waiting={payments.mode === "platform" && !payments.canCharge}
          />
        )}
      </section>
    </>
  );
}
