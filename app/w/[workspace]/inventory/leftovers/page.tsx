import Link from "next/link";
import type { Metadata } from "next";
import { PackageX } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { ownerNames, workspaceStudios } from "@/lib/samples/desk-queries";
import { leftoversDue } from "@/lib/samples/leftovers";
import { formatInZone, formatLocal } from "@/lib/studios/local-time";
import { LeftoversButton } from "../stock-forms";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Leftovers due" };

/** What the brand chose, as the button says it and as the table says it. */
const CHOICE = {
  return_to_brand: { button: "Return to brand", text: "Return to the brand" },
  give_to_creator: { button: "Give to creator", text: "Give to the creator" },
  dispose: { button: "Dispose", text: "Dispose of them" },
} as const;

export default async function LeftoversPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "inventory.manage" });
  const db = getDb();
  const [due, studios] = await Promise.all([leftoversDue(db, member, appNow()), workspaceStudios(db, member)]);
  const names = await ownerNames(db, member, {
    brandIds: due.map((d) => d.shipment.brandId),
    creatorIds: due.map((d) => d.shipment.creatorId),
  });
  const studioOf = new Map(studios.map((s) => [s.id, s]));
  const slug = member.workspaceSlug;
  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/inventory`}>
            Inventory
          </Link>{" "}
          / Leftovers due
        </p>
        <h1 className="text-2xl font-semibold">Leftovers due</h1>
        <p className="text-muted-foreground">
          Samples whose sessions are over: do what the brand chose with what is left, oldest first.
        </p>
      </header>
      {due.length === 0 ? (
        <EmptyState title="No leftovers are due" icon={<PackageX />}>
          A shipment appears here the set number of days after its last session, while some of it is still in the
          studio.
        </EmptyState>
      ) : (
        <Table scrollLabel="Leftovers due">
          <caption className="sr-only">Shipments whose leftovers are due</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Shipment</TableHead>
              <TableHead>Brand</TableHead>
              <TableHead>Studio</TableHead>
              <TableHead className="text-right">Units left</TableHead>
              <TableHead>Due</TableHead>
              <TableHead>Brand&apos;s choice</TableHead>
              <TableHead>Do it</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {due.map(({ shipment: s, dueAt, units }) => {
              const studio = studioOf.get(s.studioId);
              const choice = CHOICE[s.leftoverAction];
              return (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link className="font-mono underline underline-offset-4" href={`/w/${slug}/shipments/${s.id}`}>
                      {s.code}
                    </Link>
                  </TableCell>
                  <TableCell>{s.brandId ? (names.brands.get(s.brandId) ?? "—") : "Not known"}</TableCell>
                  <TableCell>{studio?.name ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{units}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {studio ? formatLocal(dueAt, studio.timeZone) : formatInZone(dueAt, "UTC")}
                  </TableCell>
                  <TableCell>
                    {choice.text}
                    {s.leftoverAction === "give_to_creator" && s.creatorId ? (
                      <span className="block text-xs text-muted-foreground">
                        {names.creators.get(s.creatorId) ?? ""}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="min-w-40">
                    <LeftoversButton
                      workspace={slug}
                      shipmentId={s.id}
                      code={s.code}
                      label={choice.button}
                      action={s.leftoverAction}
                      units={units}
                    />
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
