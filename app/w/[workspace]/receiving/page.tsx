import Link from "next/link";
import type { Metadata } from "next";
import { PackageCheck, PackageOpen } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Member } from "@/lib/auth/member";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { canWorkStock } from "@/lib/samples/access";
import { findReceipt, shelves, workStudios, workspaceBrands } from "@/lib/samples/desk-queries";
import { findShipment, findShipmentForDesk } from "@/lib/samples/queries";
import { describeDiscrepancy, receiveFieldStart } from "@/lib/samples/rules";
import { formatLocal } from "@/lib/studios/local-time";
import { AddLocationForm } from "../inventory/stock-forms";
import { ReceiveForm, UnexpectedBoxForm } from "./receive-forms";

export const metadata: Metadata = { title: "Receiving" };

const STATUS: Record<string, string> = {
  announced: "Announced",
  in_transit: "In transit",
  partially_received: "Partly received",
  received: "Received",
  closed: "Closed",
};
const LEFTOVERS: Record<string, string> = {
  return_to_brand: "return to the brand",
  give_to_creator: "give to the creator",
  dispose: "dispose of them",
};

type Query = { code?: string | string[]; receipt?: string | string[]; logged?: string | string[] };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().slice(0, 120) : "");

export default async function ReceivingPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Query>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "inventory.manage" });
  const query = await searchParams;
  const code = one(query.code);
  return (
    <div className="grid max-w-4xl gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Receiving</h1>
        <p className="text-muted-foreground">
          Scan a box&apos;s label (or type its shipment code or tracking number), count what came, and put it away.
        </p>
      </header>
      {/* A plain GET form: a barcode scanner types the code and presses Enter, and the URL can be shared or reloaded. */}
      <form
        method="get"
        role="search"
        aria-label="Find a shipment"
        className="grid items-end gap-3 sm:grid-cols-[minmax(0,1fr)_auto]"
      >
        <div className="grid gap-2">
          <Label htmlFor="scan-code">Shipment code or tracking number</Label>
          <Input
            key={code}
            id="scan-code"
            name="code"
            defaultValue={code}
            // The desk's one job starts here: the cursor is in the box when the page opens, ready for the scanner.
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            enterKeyHint="search"
            placeholder="SH-K7Q-M3X"
            maxLength={120}
            aria-describedby="scan-hint"
          />
          <p id="scan-hint" className="text-xs text-muted-foreground">
            Scan the barcode or type the code and press Enter.
          </p>
        </div>
        <Button type="submit" className="sm:mb-6">
          Find
        </Button>
      </form>
      {code ? (
        <DeskResult member={member} code={code} receiptId={one(query.receipt)} logged={one(query.logged) === "1"} />
      ) : (
        <Idle />
      )}
    </div>
  );
}

function Idle() {
  return (
    <EmptyState title="Nothing scanned yet" icon={<PackageOpen />}>
      Scan a box to see what it should hold. A box nobody announced can be logged from here too.
    </EmptyState>
  );
}

async function DeskResult({
  member,
  code,
  receiptId,
  logged,
}: {
  member: Member;
  code: string;
  receiptId: string;
  logged: boolean;
}) {
  const db = getDb();
  const slug = member.workspaceSlug;
  const found = await findShipmentForDesk(db, member, code);
  if (!found) {
    const [studios, brands] = await Promise.all([workStudios(db, member), workspaceBrands(db, member)]);
    return (
      <>
        <Alert variant="destructive">No shipment with code or tracking number {code}.</Alert>
        <Card>
          <CardHeader>
            <CardTitle>Log an unexpected box</CardTitle>
            <CardDescription>
              Write down what the label says and what is inside; the box then opens here for receiving, and its sender
              can be named later.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {studios.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                You are not assigned to a studio, so you cannot log boxes.
              </p>
            ) : (
              <UnexpectedBoxForm
                workspace={slug}
                studios={studios.map((s) => ({ id: s.id, name: s.name }))}
                brands={brands}
                scanned={code}
              />
            )}
          </CardContent>
        </Card>
      </>
    );
  }
  const detail = await findShipment(db, member, found.id);
  if (!detail) return <Alert variant="destructive">No shipment with code or tracking number {code}.</Alert>;
  const { shipment: s, studio, items } = detail;
  const canWork = canWorkStock(member, s.studioId);
  const [places, receipt] = await Promise.all([
    shelves(db, member, s.studioId),
    receiptId ? findReceipt(db, member, s.id, receiptId) : null,
  ]);
  const units = receipt?.lines.reduce((n, l) => n + l.received, 0) ?? 0;
  return (
    <>
      {logged ? <Alert variant="success">Box logged as {s.code}. Count it below.</Alert> : null}
      {receipt ? (
        <Alert variant="success" data-testid="receipt-result">
          <p className="font-medium">
            Received {units} {units === 1 ? "unit" : "units"} of {s.code}.
          </p>
          <ul className="mt-1 list-disc pl-5">
            {receipt.lines.map((l) => (
              <li key={l.sku}>
                {l.sku} {l.name}: {l.received}
                {l.damaged ? ` (${l.damaged} damaged)` : ""}
                {l.place ? ` into ${l.place}` : ""}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Card aria-labelledby="shipment-title">
        <CardHeader>
          <CardTitle id="shipment-title" className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{s.code}</span>
            <Badge>{STATUS[s.status] ?? s.status}</Badge>
            {s.unexpected ? <Badge variant="warning">Unexpected box</Badge> : null}
          </CardTitle>
          <CardDescription>
            {detail.brandName ?? "Sender not known"} → {studio.name}
            {detail.creatorName || detail.creatorEmail ? ` · for ${detail.creatorName ?? detail.creatorEmail}` : ""}
            {detail.booking
              ? ` · session ${detail.booking.booking.code} on ${detail.booking.roomName}, ${formatLocal(detail.booking.booking.startsAt, studio.timeZone)}`
              : ""}
            {s.trackingNumber ? ` · ${s.carrier ?? "tracking"} ${s.trackingNumber}` : ""}
          </CardDescription>
          <p className="text-sm">
            Leftovers: {LEFTOVERS[s.leftoverAction]}, {s.leftoverAfterDays} {s.leftoverAfterDays === 1 ? "day" : "days"}{" "}
            after {s.bookingId ? "the session" : "the last receipt"}.{" "}
            <Link className="underline underline-offset-4" href={`/w/${slug}/shipments/${s.id}`}>
              Timeline
            </Link>
          </p>
        </CardHeader>
        <CardContent className="grid gap-4">
          {detail.discrepancies.length > 0 ? (
            <Alert variant="destructive" data-testid="discrepancies">
              <p className="font-medium">Does not match what was announced:</p>
              <ul className="mt-1 list-disc pl-5">
                {detail.discrepancies.map((d) => (
                  <li key={`${d.sku}-${d.kind}`}>{describeDiscrepancy(d)}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {s.status === "closed" ? (
            <p className="text-sm text-muted-foreground">This shipment is closed: its leftovers were dealt with.</p>
          ) : !canWork ? (
            <p className="text-sm text-muted-foreground">This box is for a studio you do not work in.</p>
          ) : items.length === 0 ? (
            <EmptyState title="No items listed" icon={<PackageCheck />}>
              This shipment lists no items to count.
            </EmptyState>
          ) : (
            <>
              {s.status === "received" ? (
                <p className="text-sm text-muted-foreground">
                  Everything announced has been received. Count again only if more came.
                </p>
              ) : null}
              {places.length === 0 ? (
                <Alert>This studio has no bins or shelves yet: add one below to put the box away.</Alert>
              ) : null}
              <AddLocationForm workspace={slug} studioId={s.studioId} open={places.length === 0} />
              {/* A new version (someone received it) is a new form: a fresh receipt id, the new counts, and (after any
                  receipt) empty fields, so pressing Confirm again never receives what is still expected. */}
              <ReceiveForm
                key={`${s.id}:${s.version}`}
                workspace={slug}
                shipmentId={s.id}
                code={s.code}
                version={s.version}
                items={items.map((i) => ({
                  id: i.id,
                  sku: i.sku,
                  name: i.name,
                  expected: i.quantityExpected,
                  received: i.quantityReceived,
                  damaged: i.quantityDamaged,
                  start: receiveFieldStart(s.status, i),
                }))}
                places={places}
              />
            </>
          )}
        </CardContent>
      </Card>
    </>
  );
}
