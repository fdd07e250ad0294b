import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { listCharges, listInvoices } from "@/lib/billing/list-billing";
import type { PaymentsTarget } from "@/lib/billing/payments-target";
import { formatMoney } from "@/lib/format";
import { formatInZone } from "@/lib/studios/local-time";
import { CreditChargeForm, VoidChargeForm } from "./billing-forms";

type ChargeRows = Awaited<ReturnType<typeof listCharges>>;
type InvoiceRows = Awaited<ReturnType<typeof listInvoices>>;

const INVOICE_LABELS: Record<string, string> = {
  draft: "Being sent",
  not_sent: "Not sent",
  open: "Awaiting payment",
  paid: "Paid",
  failed: "Payment failed",
  void: "Void",
  uncollectible: "Uncollectible",
};
const CHARGE_LABELS: Record<string, string> = {
  pending: "Upcoming",
  invoiced: "Invoiced",
  paid: "Paid",
  failed: "Payment failed",
  void: "Void",
};
const KIND_LABELS: Record<string, string> = {
  room_time: "Room time",
  overtime: "Overtime",
  add_on: "Add-on",
  storage_night: "Storage night",
  late_cancel_fee: "Late cancellation",
  no_show_fee: "No-show",
  credit: "Credit",
};

/** `waiting`: the workspace's Stripe account cannot take charges yet, so a draft is held rather than being sent. */
export function InvoiceStatus({ status, waiting }: { status: string; waiting?: boolean }) {
  const variant = status === "failed" ? "destructive" : status === "paid" ? "success" : "secondary";
  return (
    <Badge variant={variant}>
      {status === "draft" && waiting ? "Not sent: waiting for Stripe" : (INVOICE_LABELS[status] ?? status)}
    </Badge>
  );
}

/** `zone` is the workspace's clock, for a charge or invoice of no studio; the others are on their studio's. */
export function ChargesTable({
  rows,
  caption,
  zone,
  manage,
}: {
  rows: ChargeRows;
  caption: string;
  zone: string;
  manage?: { workspace: string; creditedByCharge: Map<string, number> };
}) {
  return (
    <Table scrollLabel={caption}>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>What</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          {manage ? <TableHead>Correct</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ charge: c, studioTimeZone }) => {
          const credited = manage?.creditedByCharge.get(c.id) ?? 0;
          const creditable =
            c.kind !== "credit" && ["invoiced", "paid", "failed"].includes(c.status) && c.amountCents - credited > 0;
          return (
            <TableRow key={c.id}>
              <TableCell className="whitespace-nowrap">{formatInZone(c.createdAt, studioTimeZone ?? zone)}</TableCell>
              <TableCell>
                <span className="block text-xs text-muted-foreground">{KIND_LABELS[c.kind]}</span>
                {c.description}
                {c.reason ? <span className="block text-xs text-muted-foreground">Reason: {c.reason}</span> : null}
                {c.voidReason ? (
                  <span className="block text-xs text-muted-foreground">Voided: {c.voidReason}</span>
                ) : null}
              </TableCell>
              <TableCell>
                <Badge variant={c.status === "failed" ? "destructive" : "secondary"}>{CHARGE_LABELS[c.status]}</Badge>
              </TableCell>
              <TableCell
                className={`text-right tabular-nums ${c.status === "void" ? "line-through text-muted-foreground" : ""}`}
              >
                {formatMoney(c.amountCents, c.currency)}
              </TableCell>
              {manage ? (
                <TableCell className="min-w-40">
                  {c.status === "pending" && c.kind !== "credit" && !c.invoiceId ? (
                    <VoidChargeForm workspace={manage.workspace} chargeId={c.id} label={c.description} />
                  ) : null}
                  {creditable ? (
                    <CreditChargeForm
                      workspace={manage.workspace}
                      chargeId={c.id}
                      label={c.description}
                      maxAmount={formatMoney(c.amountCents - credited, c.currency)}
                    />
                  ) : null}
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function InvoicesTable({
  rows,
  caption,
  zone,
  renderAction,
  waiting,
}: {
  rows: InvoiceRows;
  caption: string;
  zone: string;
  renderAction?: (inv: InvoiceRows[number]["invoice"]) => React.ReactNode;
  waiting?: boolean;
}) {
  return (
    <Table scrollLabel={caption}>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>For</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead>Links</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ invoice: i, studioTimeZone }) => (
          <TableRow key={i.id}>
            <TableCell className="whitespace-nowrap">{formatInZone(i.createdAt, studioTimeZone ?? zone)}</TableCell>
            <TableCell>
              {i.description}
              {i.failureMessage && i.status === "failed" ? (
                <span className="block text-xs text-destructive">{i.failureMessage}</span>
              ) : null}
              {i.lastError ? (
                <span className="block text-xs text-muted-foreground">
                  Stripe did not answer ({i.lastError}); retrying automatically.
                </span>
              ) : null}
            </TableCell>
            <TableCell>
              <InvoiceStatus status={i.status} waiting={waiting} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatMoney(i.amountDueCents, i.currency)}
              {i.amountRefundedCents > 0 ? (
                <span className="block text-xs text-muted-foreground">
                  Refunded {formatMoney(i.amountRefundedCents, i.currency)}
                </span>
              ) : null}
            </TableCell>
            <TableCell className="min-w-32">
              <div className="grid gap-1">
                {i.hostedInvoiceUrl ? (
                  <a
                    className="text-sm underline underline-offset-4"
                    href={i.hostedInvoiceUrl}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {i.status === "failed" || i.status === "open" ? "Pay invoice" : "View invoice"}
                  </a>
                ) : null}
                {i.pdfUrl ? (
                  <a className="text-sm underline underline-offset-4" href={i.pdfUrl} target="_blank" rel="noreferrer">
                    PDF
                  </a>
                ) : null}
                {!i.hostedInvoiceUrl && !i.pdfUrl && !renderAction ? (
                  <span className="text-sm text-muted-foreground">—</span>
                ) : null}
                {renderAction?.(i)}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Why invoices are not charged, when they are not: Stripe is not configured at all, or (platform mode) the
 * workspace's own account is not connected or not enabled for charges yet. Owners get the way to fix it.
 */
export function StripeNotice({
  payments,
  workspace,
  owner,
}: {
  payments: Pick<PaymentsTarget, "mode" | "canCharge" | "waitingReason">;
  workspace: string;
  owner?: boolean;
}) {
  if (payments.mode === "platform" && !payments.canCharge) {
    return (
      <Alert>
        <strong>Payments are not set up yet.</strong>{" "}
        {owner ? (
          <>
            {payments.waitingReason}{" "}
            <a className="font-medium underline underline-offset-4" href={`/w/${workspace}/settings/payments`}>
              Open Payments
            </a>
          </>
        ) : (
          "The studio is finishing its payment setup with Stripe. No card is needed yet; your invoices are sent once it is ready."
        )}
      </Alert>
    );
  }
  if (payments.mode !== "unconfigured") return null;
  return (
    <Alert>
      <strong>Stripe is not connected.</strong> Charges and invoices are kept in Livebase only: invoices are marked “not
      sent”, no card is charged, and payments are settled with the studio.
    </Alert>
  );
}
