import Link from "next/link";
import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { shipmentTargets } from "@/lib/samples/queries";
import { listStudios } from "@/lib/studios/list-studios";
import { studioTime } from "../shipment-format";
import { ShipmentForm, type SessionOption } from "./shipment-form";
import { appNow } from "@/lib/clock";
import { isBrandScoped } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "New shipment" };

export default async function NewShipmentPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "shipments.create" });
  const db = getDb();
  const [targets, studios] = await Promise.all([shipmentTargets(db, member, appNow()), listStudios(db, member)]);
  const zoneOf = new Map(studios.map((s) => [s.id, s.timeZone]));
  const creatorName = new Map(targets.creators.map((c) => [c.id, c.name ?? c.email]));
  // Labels are made here, on the server, where each studio's zone is known: the browser's own zone never shows.
  const sessions: SessionOption[] = targets.sessions.map((s) => ({
    id: s.id,
    creatorId: s.creatorId,
    studioId: s.studioId,
    label: `${creatorName.get(s.creatorId) ?? "Creator"} — ${studioTime(s.startsAt, zoneOf.get(s.studioId) ?? "UTC")}, ${s.roomName}${s.code ? `, ${s.code}` : ""}`,
  }));

  return (
    <div className="grid max-w-4xl gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${member.workspaceSlug}/shipments`}>
            Shipments
          </Link>{" "}
          / New
        </p>
        <h1 className="text-2xl font-semibold">New shipment</h1>
        <p className="text-muted-foreground">
          Tell the studio what is in the box before you send it. You get a code and a label to stick on it.
        </p>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>The box</CardTitle>
          <CardDescription>Fields marked optional can be left empty.</CardDescription>
        </CardHeader>
        <CardContent>
          <ShipmentForm
            workspace={member.workspaceSlug}
            currency={member.currency}
            studios={targets.studios}
            creators={targets.creators.map((c) => ({ id: c.id, label: c.name ?? c.email }))}
            sessions={sessions}
            brands={isBrandScoped(member.role) ? null : targets.brands}
          />
        </CardContent>
      </Card>
    </div>
  );
}
