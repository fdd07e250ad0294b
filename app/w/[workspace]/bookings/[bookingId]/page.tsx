import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can, canOperateStudio, ownsAsCreator } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { creatorBalance } from "@/lib/billing/balances";
import { studioTime, studioTimeRange } from "@/lib/bookings/emails";
import { previewCancellation } from "@/lib/bookings/lifecycle";
import { bookingOutcome, type BookingOutcome } from "@/lib/bookings/outcome";
import { creatorContact } from "@/lib/bookings/creators";
import { roomOccupancy } from "@/lib/bookings/room-occupancy";
import { overrunsNow } from "@/lib/operations/overruns";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { getPolicies } from "@/lib/policies/policies";
import { taxLabel, type Quote } from "@/lib/pricing";
import { CancelForm, CheckOutOwnForm, ConfirmForm } from "../booking-actions";
import { SeriesCard } from "../series-card";
import { FrontDesk } from "./front-desk";
import { SamplesCard } from "./samples-card";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Booking" };

export default async function BookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; bookingId: string }>;
  searchParams: Promise<{ changed?: string }>;
}) {
  const { workspace, bookingId } = await params;
  const member = await requireMember({ workspace, permission: "bookings.view" });
  const db = getDb();
  const now = appNow();
  const preview = await previewCancellation(db, member, bookingId, now);
  if (!preview) notFound();
  const { found, fee } = preview;
  const { booking: b, room, studio } = found;
  const quote = b.quote as Quote;
  const policies = await getPolicies(db, member.workspaceId);
  const open = b.status === "held" || b.status === "confirmed";
  // The code opens the room: shown only while the booking can still be checked in.
  const qr = open ? await QRCode.toString(b.code, { type: "svg", margin: 1, width: 160 }) : null;
  const outcome = await bookingOutcome(db, b);
  const slug = member.workspaceSlug;
  const feeText =
    b.status === "held"
      ? "Releasing this hold is free."
      : fee.feeCents === 0
        ? `Cancelling now is free (free until ${policies.freeCancellationHours} h before the start).`
        : `Cancelling now costs ${formatMoney(fee.feeCents, fee.currency)} (${fee.reason === "started" ? "the session has started" : `${policies.lateCancelFeePercent} % within ${policies.freeCancellationHours} h of the start`}).`;
  const minutes = Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 60_000);
  const floor = can(member, "bookings.operate") && canOperateStudio(member, studio.id);
  const balance = can(member, "billing.view_balance")
    ? await creatorBalance(db, member.workspaceId, b.creatorId)
    : null;
  const creator = member.userId === b.creatorId ? null : await creatorContact(db, member.workspaceId, b.creatorId);
  // The floor's view of the room: an overrun of this session, or one before it that keeps this creator out.
  const roomBefore = floor && b.status === "confirmed" ? await roomOccupancy(db, b) : null;
  const [overrun] =
    floor && b.status === "checked_in"
      ? await overrunsNow(db, { workspaceId: member.workspaceId, bookingId: b.id }, now)
      : [];

  return (
    <div className="grid max-w-3xl gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/bookings`}>
            Bookings
          </Link>{" "}
          / {b.code}
        </p>
        <h1 className="text-2xl font-semibold">
          {room.name} <Badge className="ml-2 align-middle capitalize">{b.status.replace("_", " ")}</Badge>
        </h1>
        <p>
          {studio.name} · {studioTimeRange(b.startsAt, b.endsAt, studio.timeZone)}
        </p>
      </header>
      {(await searchParams).changed ? (
        <Alert variant="success">Booking moved. The confirmation email has the new time.</Alert>
      ) : null}
      {outcome ? <OutcomeCard outcome={outcome} timeZone={studio.timeZone} /> : null}
      {creator || b.notes ? (
        <Card>
          <CardHeader>
            <CardTitle>{creator ? "Creator" : "Notes"}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2">
            {creator ? (
              <p>
                <span className="font-medium">{creator.name ?? creator.email}</span>
                {" · "}
                <a className="underline underline-offset-4" href={`mailto:${creator.email}`}>
                  {creator.email}
                </a>
              </p>
            ) : null}
            {b.notes ? (
              <div>
                {creator ? <p className="text-sm font-medium">Notes</p> : null}
                <p className="whitespace-pre-wrap text-sm">{b.notes}</p>
              </div>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      {floor ? (
        <Card>
          <CardHeader>
            <CardTitle>Front desk</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {balance ? (
              <BalanceNote balance={balance} whose={creator?.name ?? creator?.email ?? "The creator"} />
            ) : null}
            <FrontDesk
              slug={slug}
              found={found}
              policies={policies}
              now={now}
              roomBefore={roomBefore}
              overrun={overrun ?? null}
            />
          </CardContent>
        </Card>
      ) : null}
      {ownsAsCreator(member, b) && b.status === "checked_in" ? (
        <Card>
          <CardHeader>
            <CardTitle>Session in progress</CardTitle>
          </CardHeader>
          <CardContent>
            <CheckOutOwnForm workspace={slug} bookingId={b.id} />
          </CardContent>
        </Card>
      ) : null}
      <SamplesCard member={member} found={found} now={now} />
      {b.status === "held" && b.holdExpiresAt ? (
        <Card>
          <CardHeader>
            <CardTitle>Confirm your booking</CardTitle>
          </CardHeader>
          <CardContent>
            <ConfirmForm
              workspace={slug}
              bookingId={b.id}
              holdExpiresAt={b.holdExpiresAt.toISOString()}
              now={now.toISOString()}
            />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Price</CardTitle>
        </CardHeader>
        <CardContent>
          <Table>
            <caption className="sr-only">
              Price of booking {b.code}, {minutes} minutes
            </caption>
            <TableHeader>
              <TableRow>
                <TableHead>Item</TableHead>
                <TableHead className="text-right">Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {quote.lines.map((l, i) => (
                <TableRow key={i}>
                  <TableCell>{l.description}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatMoney(l.amountCents, quote.currency)}
                  </TableCell>
                </TableRow>
              ))}
              {quote.tax ? (
                <>
                  {quote.tax.inclusive ? null : (
                    <TableRow>
                      <TableCell>Subtotal</TableCell>
                      <TableCell className="text-right tabular-nums">
                        {formatMoney(quote.subtotalCents, quote.currency)}
                      </TableCell>
                    </TableRow>
                  )}
                  <TableRow>
                    <TableCell>{taxLabel(quote.tax)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatMoney(quote.tax.amountCents, quote.currency)}
                    </TableCell>
                  </TableRow>
                </>
              ) : null}
              <TableRow>
                <TableCell className="font-semibold">Total</TableCell>
                <TableCell className="text-right font-semibold tabular-nums">
                  {formatMoney(quote.totalCents, quote.currency)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      {qr ? (
        <Card>
          <CardHeader>
            <CardTitle>Check-in code</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap items-center gap-6">
            <div
              className="rounded-md bg-white p-2"
              role="img"
              aria-label={`QR code of booking code ${b.code}`}
              dangerouslySetInnerHTML={{ __html: qr }}
            />
            <div>
              <p className="font-mono text-3xl font-semibold tracking-widest" data-testid="booking-code">
                {b.code}
              </p>
              <p className="text-sm text-muted-foreground">Show this at the front desk, or let staff scan the QR.</p>
            </div>
          </CardContent>
        </Card>
      ) : null}
      {b.seriesId ? <SeriesCard member={member} seriesId={b.seriesId} now={now} /> : null}
      {open ? (
        <Card>
          <CardHeader>
            <CardTitle>Change or cancel</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <Button asChild variant="outline" className="justify-self-start">
              <Link href={`/w/${slug}/book/${room.id}?reschedule=${b.id}&duration=${minutes}`}>Reschedule</Link>
            </Button>
            <CancelForm
              workspace={slug}
              bookingId={b.id}
              feeText={feeText}
              verb={b.status === "held" ? "Release hold" : "Cancel booking"}
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

/** How a booking that is over ended: when, by whom, why, and its fees. */
function OutcomeCard({ outcome, timeZone }: { outcome: BookingOutcome; timeZone: string }) {
  const title = {
    cancelled: "Cancelled",
    expired: "Hold expired",
    no_show: "Marked as a no-show",
    completed: "Completed",
  }[outcome.status];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-1 text-sm">
        {outcome.at ? (
          <p>
            {outcome.status === "expired" ? "Not confirmed in time; the hold lapsed" : title} on{" "}
            {studioTime(outcome.at, timeZone)}
            {outcome.by ? ` by ${outcome.by}` : ""}.
          </p>
        ) : null}
        {outcome.status === "cancelled" || outcome.status === "no_show" ? (
          <p>Reason: {outcome.reason || "none given"}</p>
        ) : null}
        {outcome.fees.length > 0 ? (
          outcome.fees.map((f, i) => (
            <p key={i}>
              Fee: {formatMoney(f.cents, f.currency)} ({f.description})
            </p>
          ))
        ) : outcome.status === "cancelled" || outcome.status === "no_show" ? (
          <p>No fee.</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

function BalanceNote({ balance, whose }: { balance: Awaited<ReturnType<typeof creatorBalance>>; whose: string }) {
  if (balance.outstanding.length === 0 && balance.failedInvoices.length === 0)
    return <p className="text-sm text-muted-foreground">{whose} owes nothing.</p>;
  return (
    <Alert variant={balance.failedInvoices.length > 0 ? "destructive" : "default"}>
      {whose}&rsquo;s outstanding balance:{" "}
      {balance.outstanding.map((o) => formatMoney(o.cents, o.currency)).join(" + ") || formatMoney(0, "USD")}
      {balance.failedInvoices.length > 0
        ? ` · ${balance.failedInvoices.length} failed ${balance.failedInvoices.length === 1 ? "payment" : "payments"}`
        : ""}
    </Alert>
  );
}
