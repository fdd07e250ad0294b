import { can } from "@/lib/auth/permissions";
import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Receipt } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMember } from "@/lib/auth/require-member";
import { cardOnFile } from "@/lib/billing/customers";
import { creatorBalance, creditedByCharge } from "@/lib/billing/balances";
import { findWorkspaceCreator, listCharges, listInvoices } from "@/lib/billing/list-billing";
import { paymentsTarget } from "@/lib/billing/payments-target";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { OfflinePaymentForm } from "../../billing-forms";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { ChargesTable, InvoicesTable, StripeNotice } from "../../billing-tables";

export const metadata: Metadata = { title: "Creator billing" };

export default async function CreatorBillingPage({
  params,
}: {
  params: Promise<{ workspace: string; creatorId: string }>;
}) {
  const { workspace, creatorId } = await params;
  const member = await requireMember({ workspace, permission: "billing.manage" });
  const db = getDb();
  const creator = await findWorkspaceCreator(db, member.workspaceId, creatorId);
  if (!creator) notFound();
  const payments = await paymentsTarget(db, member.workspaceId);
  const [card, balance, chargeRows, invoiceRows, creditedByChargeId, zone] = await Promise.all([
    cardOnFile(db, member.workspaceId, creator.id, payments.account),
    creatorBalance(db, member.workspaceId, creator.id),
    listCharges(db, member, { creatorId: creator.id }),
    listInvoices(db, member, { creatorId: creator.id }),
    creditedByCharge(db, member.workspaceId, creator.id),
    workspaceTimeZone(db, member.workspaceId),
  ]);
  const slug = member.workspaceSlug;
  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/billing`}>
            Billing
          </Link>{" "}
          / {creator.name ?? creator.email}
        </p>
        <h1 className="text-2xl font-semibold">{creator.name ?? creator.email}</h1>
        {creator.name ? <p className="text-muted-foreground">{creator.email}</p> : null}
      </header>
      <StripeNotice payments={payments} workspace={slug} owner={can(member, "payments.manage")} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Outstanding</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-2xl font-semibold tabular-nums">
              {balance.outstanding.length
                ? balance.outstanding.map((o) => formatMoney(o.cents, o.currency)).join(" + ")
                : "Nothing owed"}
            </p>
            {balance.failedInvoices.length > 0 ? (
              <p className="text-sm text-destructive">{balance.failedInvoices.length} failed payment(s)</p>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Card on file</CardTitle>
          </CardHeader>
          <CardContent>
            <p>{card ? `${card.brand ?? "Card"} ending in ${card.last4}` : "None"}</p>
          </CardContent>
        </Card>
      </div>
      <section className="grid gap-3" aria-labelledby="charges">
        <h2 id="charges" className="text-lg font-semibold">
          Charges
        </h2>
        <p className="text-sm text-muted-foreground">
          Void a charge before it is invoiced; credit one after (a credit note, or a refund when the invoice was paid).
          Every correction keeps its reason.
        </p>
        {chargeRows.length === 0 ? (
          <EmptyState title="No charges" icon={<Receipt />}>
            Charges appear when a session is checked out, or a fee is due.
          </EmptyState>
        ) : (
          <ChargesTable
            rows={chargeRows}
            caption={`Charges of ${creator.email}`}
            zone={zone}
            manage={{ workspace: slug, creditedByCharge: creditedByChargeId }}
          />
        )}
      </section>
      <section className="grid gap-3" aria-labelledby="invoices">
        <h2 id="invoices" className="text-lg font-semibold">
          Invoices
        </h2>
        {invoiceRows.length === 0 ? (
          <EmptyState title="No invoices" icon={<Receipt />}>
            Invoices are made from charges after the invoice delay.
          </EmptyState>
        ) : (
          <InvoicesTable
            rows={invoiceRows}
            caption={`Invoices of ${creator.email}`}
            zone={zone}
            waiting={payments.mode === "platform" && !payments.canCharge}
            renderAction={(i) =>
              i.status === "not_sent" ? <OfflinePaymentForm workspace={slug} invoiceId={i.id} /> : null
            }
          />
        )}
      </section>
    </div>
  );
}
