import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CalendarOff, DoorOpen, PackagePlus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import { localDate, timeZoneLabel, timeZones } from "@/lib/studios/local-time";
import { loadStudioSetup } from "@/lib/studios/setup-queries";
import { publicStudioPath } from "@/lib/studios/public-studio";
import { getEnv } from "@/lib/env";
import { CopyLink } from "@/components/copy-link";
import { RoomForm } from "../../room-form";
import { InlineActionForm } from "../../setup-fields";
import { StudioForm } from "../../studio-form";
import { createRoomAction, removeClosureAction, setAddOnActiveAction, updateStudioAction } from "./actions";
import { AddOnForm } from "./add-on-forms";
import { ClosureForm } from "./closure-form";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Studio setup" };

const day = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  });

export default async function StudioSetupPage({
  params,
}: {
  params: Promise<{ workspace: string; studioId: string }>;
}) {
  const { workspace, studioId } = await params;
  const member = await requireMember({ workspace, permission: "studios.manage" });
  const now = appNow();
  const setup = await loadStudioSetup(getDb(), member, studioId, now);
  if (!setup) notFound();
  const { studio, closures, rooms, addOns } = setup;
  const slug = member.workspaceSlug;
  const money = (cents: number) => formatMoney(cents, studio.currency);
  return (
    <div className="grid max-w-4xl gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/setup`}>
            Setup
          </Link>{" "}
          / {studio.name}
        </p>
        <h1 className="text-2xl font-semibold">{studio.name}</h1>
        <p className="text-muted-foreground">Times on this page are in {timeZoneLabel(studio.timeZone)}.</p>
      </header>

      <Card>
        <CardHeader>
          <CardTitle>Public page</CardTitle>
          <CardDescription>
            Share this page with new creators: it shows the rooms open for booking with their photos, prices and free
            times, and a “Sign up to book” button. Anyone with the link can see it; bookings and names never appear on
            it.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CopyLink href={new URL(publicStudioPath(slug, studio.id), getEnv().APP_URL).toString()} what="Public link" />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Details and opening hours</CardTitle>
        </CardHeader>
        <CardContent>
          <StudioForm
            workspace={slug}
            action={updateStudioAction}
            studio={studio}
            timeZones={timeZones()}
            defaultTimeZone={studio.timeZone}
            defaultCurrency={studio.currency}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Closures</CardTitle>
          <CardDescription>
            Days the studio is closed (holidays, works). Bookings already made stay; no new ones start then.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {closures.length === 0 ? (
            <EmptyState title="No closures ahead" icon={<CalendarOff />} />
          ) : (
            <ul className="divide-y divide-border" aria-label="Closures ahead">
              {closures.map((c) => {
                const when = c.startsOn === c.endsOn ? day(c.startsOn) : `${day(c.startsOn)} – ${day(c.endsOn)}`;
                return (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{when}</span>{" "}
                      <span className="text-sm text-muted-foreground">{c.reason}</span>
                    </span>
                    <InlineActionForm
                      action={removeClosureAction}
                      workspace={slug}
                      fields={{ closureId: c.id }}
                      label={`Remove closure ${when}`}
                    >
                      Remove
                    </InlineActionForm>
                  </li>
                );
              })}
            </ul>
          )}
          <ClosureForm workspace={slug} studioId={studio.id} today={localDate(now, studio.timeZone)} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Rooms</CardTitle>
          <CardDescription>Open a room to change it, price its peak hours or block it for maintenance.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {rooms.length === 0 ? (
            <EmptyState title="No rooms in this studio yet" icon={<DoorOpen />}>
              Add the first one below.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label={`Rooms of ${studio.name}`}>
              {rooms.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <span className="min-w-0">
                    <Link
                      className="font-medium underline-offset-4 hover:underline"
                      href={`/w/${slug}/setup/rooms/${r.id}`}
                    >
                      {r.name}
                    </Link>{" "}
                    {r.active ? null : <Badge variant="warning">closed for booking</Badge>}
                    <span className="block text-sm text-muted-foreground">
                      {money(r.hourlyRateCents)} / hour · {r.minMinutes}–{r.maxMinutes} min, every {r.stepMinutes} min ·{" "}
                      {r.bufferMinutes} min turnover · up to {r.capacity}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="add-room" className="grid gap-3 border-t border-border pt-4">
            <h3 id="add-room" className="font-semibold">
              Add a room
            </h3>
            <RoomForm workspace={slug} action={createRoomAction} currency={studio.currency} studioId={studio.id} />
          </section>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Add-ons</CardTitle>
          <CardDescription>Extras creators can add to a booking in this studio.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {addOns.length === 0 ? (
            <EmptyState title="No add-ons yet" icon={<PackagePlus />} />
          ) : (
            <ul className="divide-y divide-border" aria-label={`Add-ons of ${studio.name}`}>
              {addOns.map((a) => (
                <li key={a.id} className="grid gap-2 py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      <span className="font-medium">{a.name}</span>{" "}
                      {a.active ? null : <Badge variant="warning">not offered</Badge>}
                      <span className="block text-sm text-muted-foreground">
                        {money(a.priceCents)} {a.pricing === "per_hour" ? "per hour" : "per booking"}
                      </span>
                    </span>
                    <InlineActionForm
                      action={setAddOnActiveAction}
                      workspace={slug}
                      fields={a.active ? { addOnId: a.id } : { addOnId: a.id, active: "on" }}
                      label={a.active ? `Deactivate ${a.name}` : `Offer ${a.name} again`}
                    >
                      {a.active ? "Deactivate" : "Offer again"}
                    </InlineActionForm>
                  </div>
                  <details className="rounded-md border border-border p-3">
                    <summary className="cursor-pointer text-sm font-medium">Edit {a.name}</summary>
                    <div className="mt-3">
                      <AddOnForm workspace={slug} currency={studio.currency} addOn={a} />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="add-add-on" className="grid gap-3 border-t border-border pt-4">
            <h3 id="add-add-on" className="font-semibold">
              Add an add-on
            </h3>
            <AddOnForm workspace={slug} currency={studio.currency} studioId={studio.id} />
          </section>
        </CardContent>
      </Card>
    </div>
  );
}
