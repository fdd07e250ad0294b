import Link from "next/link";
import type { Metadata } from "next";
import { Package, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { shipmentStatus } from "@/db/schema";
import { actsForSelfOnly, can, isBrandScoped } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { listShipments, sessionsOfShipments } from "@/lib/samples/queries";
import { shipmentListQuerySchema } from "@/lib/samples/schemas";
import { listStudios } from "@/lib/studios/list-studios";
import { STATUS_LABEL, StatusBadge, studioTime } from "./shipment-format";

export const metadata: Metadata = { title: "Shipments" };

type Query = { status?: string | string[]; studioId?: string | string[]; q?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * The filters as the list understands them. A value that does not parse (a hand-edited URL) is dropped rather
 * than answered with an error page: the list then simply shows more.
 */
function readFilters(query: Query) {
  const status = one(query.status);
  const parsed = shipmentListQuerySchema.safeParse({ studioId: one(query.studioId), q: one(query.q) });
  return {
    status: status && (shipmentStatus.enumValues as readonly string[]).includes(status) ? status : undefined,
    studioId: parsed.success ? parsed.data.studioId : undefined,
    q: parsed.success ? parsed.data.q || undefined : undefined,
  };
}

export default async function ShipmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Query>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "shipments.view" });
  const filters = readFilters(await searchParams);
  const db = getDb();
  const [rows, studios] = await Promise.all([listShipments(db, member, filters), listStudios(db, member)]);
  const sessions = await sessionsOfShipments(
    db,
    member,
    rows.flatMap((r) => (r.shipment.bookingId ? [r.shipment.bookingId] : [])),
  );
  const slug = member.workspaceSlug;
  const isBrand = isBrandScoped(member.role);
  const filtered = Boolean(filters.status || filters.studioId || filters.q);
  const intro = isBrand
    ? "The boxes your brand announced to the studios, and what arrived."
    : actsForSelfOnly(member)
      ? "Boxes brands sent to the studio for you."
      : "Boxes announced to the studios, and what arrived.";

  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold">Shipments</h1>
          <p className="text-muted-foreground">{intro}</p>
        </div>
        {can(member, "shipments.create") ? (
          <Button asChild>
            <Link href={`/w/${slug}/shipments/new`}>
              <Plus aria-hidden /> New shipment
            </Link>
          </Button>
        ) : null}
      </header>

      {/* A GET form: the filters live in the URL, so a filtered list can be bookmarked, shared and reloaded. */}
      <form
        method="get"
        role="search"
        aria-label="Filter shipments"
        className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_2fr_auto]"
      >
        <div className="grid gap-2">
          <Label htmlFor="filter-status">Status</Label>
          <NativeSelect id="filter-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">Any status</option>
            {shipmentStatus.enumValues.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="filter-studio">Studio</Label>
          <NativeSelect id="filter-studio" name="studioId" defaultValue={filters.studioId ?? ""}>
            <option value="">Any studio</option>
            {studios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="filter-q">Code, tracking number or SKU</Label>
          <Input id="filter-q" name="q" type="search" maxLength={100} defaultValue={filters.q ?? ""} />
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <Button asChild variant="ghost">
              <Link href={`/w/${slug}/shipments`}>Clear</Link>
            </Button>
          ) : null}
        </div>
      </form>

      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No shipments match these filters" : "No shipments yet"} icon={<Package />}>
          {filtered ? (
            <Link className="underline underline-offset-4" href={`/w/${slug}/shipments`}>
              Show every shipment
            </Link>
          ) : can(member, "shipments.create") ? (
            "Announce a box before you send it: the studio then knows what to expect, and you get a label with its code."
          ) : (
            "Boxes appear here once a brand announces them."
          )}
        </EmptyState>
      ) : (
        <Table scrollLabel="Shipments (scrolls sideways)" keyColumn>
          <caption className="sr-only">
            {rows.length === 1 ? "1 shipment" : `${rows.length} shipments`}
            {filtered ? " matching the filters" : ""}, newest first
          </caption>
          <TableHeader>
            <TableRow>
              <TableHead>Code</TableHead>
              <TableHead>Studio</TableHead>
              {!isBrand ? <TableHead>Brand</TableHead> : null}
              <TableHead>Creator</TableHead>
              <TableHead>Session (studio time)</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Received / expected</TableHead>
              <TableHead className="text-right">Discrepancies</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ shipment: s, studioName, brandName, creatorName, creatorEmail, counts }) => {
              const session = s.bookingId ? sessions.get(s.bookingId) : undefined;
              return (
                <TableRow key={s.id}>
                  <TableCell className="whitespace-nowrap">
                    <Link
                      className="font-mono font-medium underline underline-offset-4"
                      href={`/w/${slug}/shipments/${s.id}`}
                    >
                      {s.code}
                    </Link>
                    {s.trackingNumber ? (
                      <span className="block text-xs text-muted-foreground">
                        {[s.carrier, s.trackingNumber].filter(Boolean).join(" ")}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell>{studioName}</TableCell>
                  {!isBrand ? (
                    <TableCell>{brandName ?? <span className="text-muted-foreground">Unknown sender</span>}</TableCell>
                  ) : null}
                  <TableCell>
                    {creatorName ?? creatorEmail ?? <span className="text-muted-foreground">None</span>}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {session ? (
                      <>
                        {studioTime(session.startsAt, session.timeZone)}
                        {session.code ? (
                          <span className="block font-mono text-xs text-muted-foreground">{session.code}</span>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-muted-foreground">None</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={s.status} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-right tabular-nums">
                    {counts.received} / {counts.expected}
                    {counts.missing || counts.extra ? (
                      <span className="block text-xs">
                        {[
                          counts.missing ? `${counts.missing} missing` : null,
                          counts.extra ? `${counts.extra} extra` : null,
                        ]
                          .filter(Boolean)
                          .join(", ")}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell
                    className={
                      counts.issues > 0
                        ? "text-right font-medium tabular-nums text-destructive"
                        : "text-right tabular-nums"
                    }
                  >
                    {counts.issues}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
