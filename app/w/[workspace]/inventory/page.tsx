import Link from "next/link";
import type { Metadata } from "next";
import { Boxes, Warehouse } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { can, isBrandScoped } from "@/lib/auth/permissions";
import type { Member } from "@/lib/auth/member";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { ownerNames, shelves, stageableSessions, workStudios, workspaceStudios } from "@/lib/samples/desk-queries";
import { listStock } from "@/lib/samples/inventory";
import { leftoversDue } from "@/lib/samples/leftovers";
import { formatLocal } from "@/lib/studios/local-time";
import { AddLocationForm } from "./stock-forms";
import { StockTable, type StockTableRow } from "./stock-table";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ studio?: string | string[] }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "inventory.view" });
  const manage = can(member, "inventory.manage");
  const { studio } = await searchParams;
  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Inventory</h1>
        <p className="text-muted-foreground">
          {manage
            ? "What is on each bin, shelf and set of a studio, and where it goes next."
            : isBrandScoped(member.role)
              ? "Your samples in the studios, and where they are."
              : "Samples sent for you, and what was given to you."}
        </p>
      </header>
      {manage ? (
        <StaffInventory member={member} studioId={typeof studio === "string" ? studio : undefined} />
      ) : (
        <ReadOnlyInventory member={member} />
      )}
    </div>
  );
}

async function StaffInventory({ member, studioId }: { member: Member; studioId?: string }) {
  const db = getDb();
  const now = appNow();
  const slug = member.workspaceSlug;
  const [studios, due] = await Promise.all([workStudios(db, member), leftoversDue(db, member, now)]);
  if (studios.length === 0) {
    return (
      <EmptyState title="No studio to show" icon={<Warehouse />}>
        You are not assigned to a studio yet. Ask a manager to add you to one.
      </EmptyState>
    );
  }
  const studio = studios.find((s) => s.id === studioId) ?? studios[0];
  const [stock, places, sessions] = await Promise.all([
    listStock(db, member, { studioId: studio.id }),
    shelves(db, member, studio.id),
    stageableSessions(db, member, studio.id, now),
  ]);
  const names = await ownerNames(db, member, {
    brandIds: stock.map((r) => r.item.ownerBrandId),
    creatorIds: stock.map((r) => r.item.ownerCreatorId),
  });
  const unitsAt = new Map<string, number>();
  for (const r of stock)
    if (r.item.locationId) unitsAt.set(r.item.locationId, (unitsAt.get(r.item.locationId) ?? 0) + r.item.onHand);
  const rows: StockTableRow[] = stock.map((r) => ({
    id: r.item.id,
    sku: r.item.sku,
    name: r.item.name,
    onHand: r.item.onHand,
    damaged: r.item.damaged,
    owner: r.item.ownerCreatorId
      ? `${names.creators.get(r.item.ownerCreatorId) ?? "A creator"} (creator)`
      : r.item.ownerBrandId
        ? (names.brands.get(r.item.ownerBrandId) ?? "A brand")
        : "Not known",
    place: r.location?.code ?? "No place",
    placeId: r.location?.id ?? null,
    onSet: r.location?.kind === "room",
    shipmentId: r.shipmentId,
    shipmentCode: r.shipmentCode,
  }));
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        {studios.length > 1 ? (
          <form method="get" aria-label="Choose a studio" className="flex flex-wrap items-end gap-2">
            <div className="grid gap-2">
              <Label htmlFor="inventory-studio">Studio</Label>
              <NativeSelect id="inventory-studio" name="studio" defaultValue={studio.id} className="w-auto min-w-56">
                {studios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button type="submit" variant="outline">
              Show
            </Button>
          </form>
        ) : (
          <p className="font-medium">{studio.name}</p>
        )}
        <Link className="text-sm font-medium underline underline-offset-4" href={`/w/${slug}/inventory/leftovers`}>
          Leftovers due{due.length ? ` (${due.length})` : ""}
        </Link>
      </div>

      <section className="grid gap-3" aria-labelledby="locations-heading">
        <h2 id="locations-heading" className="text-lg font-semibold">
          Bins and shelves
        </h2>
        {places.length === 0 ? (
          <EmptyState title="No bins or shelves yet" icon={<Warehouse />}>
            Add one for every labelled place samples are kept, so staff can find them.
          </EmptyState>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label={`Bins and shelves of ${studio.name}`}>
            {places.map((p) => (
              <li key={p.id} className="rounded-md border border-border px-3 py-1.5 text-sm">
                <span className="font-mono font-medium">{p.code}</span>{" "}
                <span className="text-muted-foreground">{p.kind}</span> · {unitsAt.get(p.id) ?? 0}{" "}
                {unitsAt.get(p.id) === 1 ? "unit" : "units"}
              </li>
            ))}
          </ul>
        )}
        <AddLocationForm workspace={slug} studioId={studio.id} open={places.length === 0} />
      </section>

      <section className="grid gap-3" aria-labelledby="stock-heading">
        <h2 id="stock-heading" className="text-lg font-semibold">
          Stock
        </h2>
        {rows.length === 0 ? (
          <EmptyState title="No samples in this studio" icon={<Boxes />}>
            Boxes received at the desk appear here, on the bin or shelf they were put on.
          </EmptyState>
        ) : (
          <StockTable
            workspace={slug}
            rows={rows}
            caption={`Stock in ${studio.name}`}
            work={{
              places: places.map((p) => ({ id: p.id, label: `${p.code} (${p.kind})` })),
              sessions: sessions.map((s) => ({
                id: s.id,
                label: `${s.code} · ${s.roomName} · ${formatLocal(s.startsAt, studio.timeZone)} · ${s.creatorName ?? s.creatorEmail}`,
              })),
            }}
          />
        )}
      </section>
    </>
  );
}

async function ReadOnlyInventory({ member }: { member: Member }) {
  const db = getDb();
  const [stock, studios] = await Promise.all([listStock(db, member), workspaceStudios(db, member)]);
  const names = await ownerNames(db, member, {
    brandIds: stock.map((r) => r.item.ownerBrandId),
    creatorIds: stock.map((r) => r.item.ownerCreatorId),
  });
  const studioName = new Map(studios.map((s) => [s.id, s.name]));
  if (stock.length === 0) {
    return (
      <EmptyState title="No samples in the studios" icon={<Boxes />}>
        {isBrandScoped(member.role)
          ? "What you ship appears here once the studio has received it."
          : "Samples sent for your sessions appear here once the studio has received them."}
      </EmptyState>
    );
  }
  const rows: StockTableRow[] = stock.map((r) => ({
    id: r.item.id,
    sku: r.item.sku,
    name: r.item.name,
    onHand: r.item.onHand,
    damaged: r.item.damaged,
    owner: r.item.ownerCreatorId
      ? `${names.creators.get(r.item.ownerCreatorId) ?? "A creator"} (creator)`
      : r.item.ownerBrandId
        ? (names.brands.get(r.item.ownerBrandId) ?? "A brand")
        : "Not known",
    place: `${studioName.get(r.item.studioId) ?? "Studio"} · ${r.location?.code ?? "no place yet"}`,
    placeId: r.location?.id ?? null,
    onSet: r.location?.kind === "room",
    shipmentId: r.shipmentId,
    shipmentCode: r.shipmentCode,
  }));
  return <StockTable workspace={member.workspaceSlug} rows={rows} caption="Your samples in the studios" />;
}
