import Link from "next/link";
import type { Metadata } from "next";
import { History, PackageOpen, Users, Warehouse } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { actsForSelfOnly, can, isStudioScoped } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { listCreators } from "@/lib/bookings/creators";
import { getDb } from "@/lib/db";
import { MAX_NIGHTS } from "@/lib/storage/schemas";
import { listReservations } from "@/lib/storage/board";
import { goodsByReservation, reservableUnits } from "@/lib/storage/storage-queries";
import { localDate } from "@/lib/studios/local-time";
import { ReservationList, type ReservationCard } from "./reservation-list";
import { ReserveForm } from "./reserve-form";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Storage" };

const PAST_SHOWN = 20;

export default async function StoragePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "storage.use" });
  const db = getDb();
  const now = appNow();
  const slug = member.workspaceSlug;
  // Staff, managers and owners reserve and check goods in for a creator; a creator only for themselves.
  const forCreators = !actsForSelfOnly(member);
  const [units, rows, creators] = await Promise.all([
    reservableUnits(db, member),
    listReservations(db, member),
    forCreators ? listCreators(db, member.workspaceId) : null,
  ]);
  const goods = await goodsByReservation(db, member, rows);

  const cards: ReservationCard[] = rows.map((r) => ({
    id: r.reservation.id,
    unitCode: r.unit.code,
    unitSize: r.unit.size,
    studioName: r.studioName,
    currency: r.currency,
    creator: r.creatorName ?? r.creatorEmail,
    firstNight: r.reservation.firstNight,
    lastNight: r.reservation.lastNight,
    status: r.reservation.status,
    nightlyRateCents: r.reservation.nightlyRateCents,
    today: localDate(now, r.timeZone),
    goods: goods.get(r.reservation.id) ?? [],
  }));
  // Current: goods in the unit (however late), or nights still to come. The rest is history.
  const current = cards
    .filter((c) => c.status === "active" || (c.status === "reserved" && c.lastNight >= c.today))
    .reverse();
  const past = cards.filter((c) => !current.includes(c)).slice(0, PAST_SHOWN);

  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold">Storage</h1>
          <p className="text-muted-foreground">
            {forCreators
              ? "Reserve a unit for a creator's goods overnight, and check them in and out."
              : "Keep your boxes at the studio overnight: reserve a unit, check your goods in, and collect them when you are done."}
          </p>
        </div>
        {can(member, "storage.board") ? (
          <Link className="text-sm font-medium underline underline-offset-4" href={`/w/${slug}/storage/board`}>
            Storage board
          </Link>
        ) : null}
      </header>

      <Card aria-labelledby="reserve-heading">
        <CardHeader>
          <CardTitle id="reserve-heading">Reserve a unit</CardTitle>
          <CardDescription>
            Each night is charged at the unit&apos;s rate once it is over. Goods left after the last night are charged
            for every extra night.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {units.length === 0 ? (
            <EmptyState title="No storage units to reserve" icon={<Warehouse />}>
              {can(member, "storage.manage") ? (
                <>
                  Add units to a studio on the{" "}
                  <Link className="underline underline-offset-4" href={`/w/${slug}/storage/board`}>
                    storage board
                  </Link>
                  .
                </>
              ) : isStudioScoped(member.role) ? (
                "Your studios have no storage units yet. Ask a manager to add some."
              ) : (
                "The studios have not set up storage units yet."
              )}
            </EmptyState>
          ) : creators && creators.length === 0 ? (
            <EmptyState title="No creators yet" icon={<Users />}>
              Invite creators under Members to reserve units for them.
            </EmptyState>
          ) : (
            <ReserveForm
              workspace={slug}
              units={units.map((u) => ({ ...u, today: localDate(now, u.timeZone) }))}
              creators={
                creators?.map((c) => ({ id: c.id, label: c.name ? `${c.name} (${c.email})` : c.email })) ?? null
              }
              maxNights={MAX_NIGHTS}
            />
          )}
        </CardContent>
      </Card>

      <section className="grid gap-3" aria-labelledby="current-heading">
        <h2 id="current-heading" className="text-lg font-semibold">
          Current and upcoming
        </h2>
        {current.length === 0 ? (
          <EmptyState title="No current reservations" icon={<PackageOpen />}>
            {forCreators
              ? "Reservations you make for creators, and theirs, appear here."
              : "Units you reserve appear here, with what is stored in them."}
          </EmptyState>
        ) : (
          <ReservationList
            workspace={slug}
            rows={current}
            showCreator={forCreators}
            label="Current and upcoming reservations"
          />
        )}
      </section>

      <section className="grid gap-3" aria-labelledby="past-heading">
        <h2 id="past-heading" className="text-lg font-semibold">
          Past
        </h2>
        {past.length === 0 ? (
          <EmptyState title="Nothing in the past yet" icon={<History />}>
            Collected and cancelled reservations are kept here.
          </EmptyState>
        ) : (
          <ReservationList
            workspace={slug}
            rows={past}
            showCreator={forCreators}
            label={`Past reservations (the latest ${PAST_SHOWN})`}
          />
        )}
      </section>
    </div>
  );
}
