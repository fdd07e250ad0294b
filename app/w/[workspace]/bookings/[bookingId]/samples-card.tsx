import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can, ownsAsCreator } from "@/lib/auth/permissions";
import type { Member } from "@/lib/auth/member";
import type { FoundBooking } from "@/lib/bookings/find-booking";
import { getDb } from "@/lib/db";
import { canWorkStock } from "@/lib/samples/access";
import { shelves } from "@/lib/samples/desk-queries";
import { listStock } from "@/lib/samples/inventory";
import { READINESS_LABEL, readinessMeaning, type Readiness } from "@/lib/samples/rules";
import { samplesForBookings } from "@/lib/samples/session-samples";
import { AssignSampleForm, ReturnForm, StageForm } from "../../inventory/stock-forms";

const VARIANT: Record<Readiness, "success" | "secondary" | "warning" | "destructive"> = {
  staged: "success",
  ready: "secondary",
  waiting: "warning",
  at_risk: "destructive",
};

/** The state as words and color, never color alone. */
function State({ state }: { state: Readiness }) {
  return <Badge variant={VARIANT[state]}>{READINESS_LABEL[state]}</Badge>;
}

/**
 * The samples meant for this session, for the studio's staff (who stage them, return them after and assign more)
 * and, read-only, for its creator. Nothing for anyone else.
 */
export async function SamplesCard({ member, found, now }: { member: Member; found: FoundBooking; now: Date }) {
  const { booking: b, room, studio } = found;
  const staff = can(member, "inventory.manage") && canWorkStock(member, studio.id);
  const creator = ownsAsCreator(member, b);
  if (!staff && !creator) return null;
  const db = getDb();
  const samples = (await samplesForBookings(db, [b.id], now)).get(b.id) ?? { items: [], state: null };
  const [stock, places] = staff
    ? await Promise.all([listStock(db, member, { studioId: studio.id }), shelves(db, member, studio.id)])
    : [[], []];
  const onShelf = stock.filter((r) => r.location?.kind !== "room" && r.item.shipmentItemId);
  const onThisSet = stock.filter((r) => r.location?.roomId === room.id);
  const stageable = b.status === "confirmed" || b.status === "checked_in";
  const assignable = stageable || b.status === "held";
  const placeChoices = places.map((p) => ({ id: p.id, label: `${p.code} (${p.kind})` }));
  const listed = new Set(samples.items.map((i) => i.shipmentItemId));
  const strays = onThisSet.filter((r) => !r.item.shipmentItemId || !listed.has(r.item.shipmentItemId));
  const slug = member.workspaceSlug;

  // Items in the studio that can be assigned: one choice per shipment item, with how many are on shelves.
  const byItem = new Map<string, typeof onShelf>();
  for (const r of onShelf) byItem.set(r.item.shipmentItemId!, [...(byItem.get(r.item.shipmentItemId!) ?? []), r]);
  const assignChoices = [...byItem.entries()].map(([id, rows]) => ({
    id,
    label: `${rows[0].item.sku} ${rows[0].item.name} · ${rows[0].shipmentCode ?? "no shipment"} · ${rows.reduce((n, r) => n + r.item.onHand, 0)} on shelves`,
  }));

  return (
    <Card aria-labelledby="samples-title">
      <CardHeader>
        <CardTitle id="samples-title">Samples</CardTitle>
        {samples.state ? (
          <CardDescription className="flex flex-wrap items-center gap-2" data-testid="samples-state">
            <span>Overall:</span> <State state={samples.state} />{" "}
            <span>{readinessMeaning(samples.state, samples.items)}</span>
          </CardDescription>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {samples.items.length === 0 ? (
          <EmptyState title="No samples for this session">
            {staff
              ? "Samples a brand ships for this session appear here; you can also assign samples already in the studio."
              : "Samples a brand ships for this session appear here."}
          </EmptyState>
        ) : (
          <Table scrollLabel="Samples for this session">
            <caption className="sr-only">Samples for session {b.code}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>Item</TableHead>
                <TableHead className="text-right">Wanted</TableHead>
                <TableHead className="text-right">On set</TableHead>
                <TableHead className="text-right">In studio</TableHead>
                <TableHead>State</TableHead>
                {staff ? <TableHead>Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {samples.items.map((s) => {
                const shelfRows = onShelf.filter((r) => r.item.shipmentItemId === s.shipmentItemId);
                const setRows = onThisSet.filter((r) => r.item.shipmentItemId === s.shipmentItemId);
                const missing = Math.max(1, s.wanted - s.staged);
                return (
                  <TableRow key={s.shipmentItemId} className="align-top">
                    <TableCell>
                      <span className="font-mono">{s.sku}</span> {s.name}
                      <span className="block text-xs text-muted-foreground">
                        {staff ? (
                          <Link className="underline underline-offset-4" href={`/w/${slug}/shipments/${s.shipmentId}`}>
                            {s.shipmentCode}
                          </Link>
                        ) : (
                          s.shipmentCode
                        )}
                        {s.expectedOn && s.inStudio + s.staged < s.wanted ? ` · expected ${s.expectedOn}` : ""}
                      </span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{s.wanted}</TableCell>
                    <TableCell className="text-right tabular-nums">{s.staged}</TableCell>
                    <TableCell className="text-right tabular-nums">{s.inStudio}</TableCell>
                    <TableCell>
                      <State state={s.state} />
                      {s.missing ? <span className="block text-xs text-destructive">{s.missing} missing</span> : null}
                    </TableCell>
                    {staff ? (
                      <TableCell>
                        <div className="grid min-w-52 gap-2">
                          {stageable && s.staged < s.wanted
                            ? shelfRows.map((r) => (
                                <StageForm
                                  key={r.item.id}
                                  workspace={slug}
                                  item={{ id: r.item.id, sku: r.item.sku, name: r.item.name, onHand: r.item.onHand }}
                                  bookingId={b.id}
                                  defaultQuantity={Math.min(r.item.onHand, missing)}
                                  summary={`Stage from ${r.location?.code ?? "the studio"}…`}
                                />
                              ))
                            : null}
                          {setRows.map((r) => (
                            <ReturnForm
                              key={r.item.id}
                              workspace={slug}
                              item={{ id: r.item.id, sku: r.item.sku, name: r.item.name, onHand: r.item.onHand }}
                              places={placeChoices}
                            />
                          ))}
                        </div>
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {staff && strays.length > 0 ? (
          <div className="grid gap-2">
            <h3 className="text-sm font-medium">Also on this set</h3>
            <ul className="grid gap-3">
              {strays.map((r) => (
                <li key={r.item.id} className="grid gap-1 rounded-md border border-border p-3 text-sm">
                  <span>
                    <span className="font-mono">{r.item.sku}</span> {r.item.name}: {r.item.onHand}
                  </span>
                  <ReturnForm
                    workspace={slug}
                    item={{ id: r.item.id, sku: r.item.sku, name: r.item.name, onHand: r.item.onHand }}
                    places={placeChoices}
                  />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {staff && assignable ? <AssignSampleForm workspace={slug} bookingId={b.id} choices={assignChoices} /> : null}
      </CardContent>
    </Card>
  );
}
