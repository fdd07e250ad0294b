import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { Printer } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { findShipment } from "@/lib/samples/queries";
import { describeDiscrepancy, READINESS_LABEL, type Readiness } from "@/lib/samples/rules";
import { samplesForBookings } from "@/lib/samples/session-samples";
import { calendarDate, leftoverText, StatusBadge, studioTime } from "../shipment-format";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Shipment" };

const READINESS_VARIANT: Record<Readiness, "success" | "warning" | "destructive" | "secondary"> = {
  staged: "success",
  ready: "success",
  waiting: "warning",
  at_risk: "destructive",
};

export default async function ShipmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; shipmentId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { workspace, shipmentId } = await params;
  const member = await requireMember({ workspace, permission: "shipments.view" });
  const db = getDb();
  const now = appNow();
  // Another brand's (or creator's, or studio's) shipment is not found, exactly like one that does not exist.
  const found = await findShipment(db, member, shipmentId);
  if (!found) notFound();
  const { shipment: s, studio, brandName, creatorName, creatorEmail, items, events, booking, discrepancies } = found;
  const readiness = booking
    ? ((await samplesForBookings(db, [booking.booking.id], now)).get(booking.booking.id)?.state ?? null)
    : null;
  const slug = member.workspaceSlug;
  const tz = studio.timeZone;
  const units = items.reduce((n, i) => n + i.quantityExpected, 0);

  return (
    <div className="grid max-w-4xl gap-6">
      <header className="grid gap-2">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/shipments`}>
            Shipments
          </Link>{" "}
          / {s.code}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-2xl font-semibold tracking-wider" data-testid="shipment-code">
            {s.code}
          </h1>
          <StatusBadge status={s.status} />
          {s.unexpected ? <Badge variant="warning">Unannounced box</Badge> : null}
        </div>
        <p className="text-muted-foreground">
          {items.length} SKU{items.length === 1 ? "" : "s"}, {units} unit{units === 1 ? "" : "s"} to {studio.name}
        </p>
        <div>
          <Button asChild variant="outline" size="sm">
            <Link href={`/w/${slug}/shipments/${s.id}/label`}>
              <Printer aria-hidden /> Print label
            </Link>
          </Button>
        </div>
      </header>

      {(await searchParams).created ? (
        <Alert variant="success">
          Shipment announced. Print the label and stick it on the box, so the studio can scan it when it arrives.
        </Alert>
      ) : null}

      {discrepancies.length > 0 ? (
        <Alert variant="destructive">
          <p className="font-medium">Not as announced</p>
          <ul className="mt-1 list-disc pl-5">
            {discrepancies.map((d) => (
              <li key={`${d.sku}-${d.kind}`}>{describeDiscrepancy(d)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Details</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
            <Detail term="Studio">
              {studio.name}
              {studio.address ? <span className="block text-muted-foreground">{studio.address}</span> : null}
            </Detail>
            <Detail term="Brand">{brandName ?? "Not known yet"}</Detail>
            <Detail term="Creator">{creatorName ?? creatorEmail ?? "No particular creator"}</Detail>
            <Detail term="Session">
              {booking ? (
                <span className="flex flex-wrap items-center gap-2">
                  {can(member, "bookings.view") ? (
                    <Link className="underline underline-offset-4" href={`/w/${slug}/bookings/${booking.booking.id}`}>
                      {studioTime(booking.booking.startsAt, tz)} ({tz}), {booking.roomName}
                      {booking.booking.code ? `, ${booking.booking.code}` : ""}
                    </Link>
                  ) : (
                    <span>
                      {studioTime(booking.booking.startsAt, tz)} ({tz}), {booking.roomName}
                      {booking.booking.code ? `, ${booking.booking.code}` : ""}
                    </span>
                  )}
                  {readiness ? (
                    <Badge variant={READINESS_VARIANT[readiness]}>
                      <span className="sr-only">Samples: </span>
                      {READINESS_LABEL[readiness]}
                    </Badge>
                  ) : null}
                </span>
              ) : (
                "No particular session"
              )}
            </Detail>
            <Detail term="Carrier and tracking">
              {[s.carrier, s.trackingNumber].filter(Boolean).join(" ") || "Not given"}
            </Detail>
            <Detail term="Expected on">{s.expectedOn ? calendarDate(s.expectedOn) : "Not given"}</Detail>
            <Detail term="Leftovers">{leftoverText(s.leftoverAction, s.leftoverAfterDays, Boolean(booking))}</Detail>
            {s.notes ? <Detail term="Notes">{s.notes}</Detail> : null}
          </dl>
        </CardContent>
      </Card>

      <section className="grid gap-3" aria-labelledby="items-heading">
        <h2 id="items-heading" className="text-lg font-semibold">
          Items
        </h2>
        {items.length === 0 ? (
          <EmptyState title="No items listed">The studio adds what it finds in the box when it counts it.</EmptyState>
        ) : (
          <Table scrollLabel="Items (scrolls sideways)">
            <caption className="sr-only">Items of shipment {s.code}: expected, received and damaged</caption>
            <TableHeader>
              <TableRow>
                <TableHead>SKU</TableHead>
                <TableHead>Name</TableHead>
                <TableHead className="text-right">Expected</TableHead>
                <TableHead className="text-right">Received</TableHead>
                <TableHead className="text-right">Damaged</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((i) => (
                <TableRow key={i.id}>
                  <TableCell className="whitespace-nowrap font-mono">{i.sku}</TableCell>
                  <TableCell>{i.name}</TableCell>
                  <TableCell className="text-right tabular-nums">{i.quantityExpected}</TableCell>
                  <TableCell className="text-right tabular-nums">{i.quantityReceived}</TableCell>
                  <TableCell
                    className={
                      i.quantityDamaged > 0
                        ? "text-right font-medium tabular-nums text-destructive"
                        : "text-right tabular-nums"
                    }
                  >
                    {i.quantityDamaged}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <section className="grid gap-3" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Timeline <span className="text-sm font-normal text-muted-foreground">(times in {tz})</span>
        </h2>
        {events.length === 0 ? (
          <EmptyState title="Nothing has happened yet" />
        ) : (
          <ol className="grid gap-3 border-l border-border pl-4" aria-label={`Timeline of ${s.code}, oldest first`}>
            {events.map(({ event: e, actorName, actorEmail }) => (
              <li key={e.id} className="grid gap-0.5">
                <p className="text-xs text-muted-foreground">
                  <time dateTime={e.createdAt.toISOString()}>{studioTime(e.createdAt, tz)}</time> ·{" "}
                  {actorName ?? actorEmail ?? "Livebase"}
                </p>
                <p className="text-sm">{e.message}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-muted-foreground">{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
