import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { MapPin, Users } from "lucide-react";
import { Logo } from "@/components/logo";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { appNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { formatDuration, formatMoney, plural } from "@/lib/format";
import { localParts } from "@/lib/bookings/week";
import { clockName } from "@/lib/studios/local-time";
import { loadPublicStudio, PUBLIC_DAYS } from "@/lib/studios/public-studio";

// Free times change with every booking: never served from a cache.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ workspace: string; studio: string }> };

// Once per request for the title and the page.
const load = cache((workspaceSlug: string, studioId: string) =>
  loadPublicStudio(getDb(), { workspaceSlug, studioId, now: appNow() }),
);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, studio } = await params;
  const page = await load(workspace, studio);
  return { title: page ? `${page.studio.name} · ${page.workspace.name}` : "Not found" };
}

const dayLabel = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
  });

/** A studio's page for new creators, signed in or not: its open rooms and their free times, and how to start. */
export default async function PublicStudioPage({ params }: Params) {
  const { workspace, studio: studioId } = await params;
  const page = await load(workspace, studioId);
  if (!page) notFound();
  const { studio, rooms } = page;
  const money = (cents: number) => formatMoney(cents, page.studio.currency);
  const clock = clockName(studio.timeZone);
  const bookPath = (roomId: string) => `/w/${page.workspace.slug}/book/${roomId}`;
  return (
    <main id="main" className="mx-auto flex min-h-dvh w-full max-w-5xl flex-col gap-8 p-4 sm:p-6">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <Logo />
        <nav aria-label="Account" className="flex gap-2">
          <Button asChild variant="ghost">
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/w/${page.workspace.slug}/book`)}`}>Sign in</Link>
          </Button>
        </nav>
      </header>
      <section className="grid gap-2">
        <p className="text-sm font-medium text-muted-foreground">{page.workspace.name}</p>
        <h1 className="text-3xl font-bold tracking-tight">{studio.name}</h1>
        {studio.address ? (
          <p className="flex items-center gap-1 text-muted-foreground">
            <MapPin className="size-4" aria-hidden /> {studio.address}
          </p>
        ) : null}
        <p className="max-w-2xl text-muted-foreground">
          Live-streaming sets to book by the hour. Create a free account to book; times below are {clock}.
        </p>
      </section>

      {rooms.length === 0 ? (
        <EmptyState title="No rooms open for booking right now">Come back soon.</EmptyState>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2" aria-label="Rooms">
          {rooms.map((room) => (
            <li key={room.id}>
              <Card className="h-full overflow-hidden" aria-labelledby={`room-${room.id}`}>
                {room.photos.length > 0 ? (
                  <div className="grid gap-1">
                    {/* Uploaded photos (our /media route) or the operator's https links; no optimiser for remote hosts. */}
                    {/* eslint-disable-next-line @next/next/no-img-element */}
                    <img
                      src={room.photos[0]}
                      alt={`${room.name}, photo 1 of ${room.photos.length}`}
                      className="aspect-video w-full bg-muted object-cover"
                    />
                    {room.photos.length > 1 ? (
                      <div className="flex gap-1 overflow-x-auto px-1">
                        {room.photos.slice(1).map((src, i) => (
                          // eslint-disable-next-line @next/next/no-img-element
                          <img
                            key={src}
                            src={src}
                            alt={`${room.name}, photo ${i + 2} of ${room.photos.length}`}
                            className="h-16 w-24 shrink-0 rounded bg-muted object-cover"
                            loading="lazy"
                          />
                        ))}
                      </div>
                    ) : null}
                  </div>
                ) : null}
                <CardHeader>
                  <CardTitle id={`room-${room.id}`}>{room.name}</CardTitle>
                  <CardDescription>
                    {room.kind && room.kind !== "set" ? <span className="capitalize">{room.kind} set · </span> : null}
                    <span data-testid="room-price">{money(room.hourlyRateCents)} / hour</span>
                  </CardDescription>
                </CardHeader>
                <CardContent className="grid gap-4">
                  <p className="flex items-center gap-1 text-sm">
                    <Users className="size-4" aria-hidden />{" "}
                    <span data-testid="room-capacity">Up to {plural(room.capacity, "person")}</span>
                  </p>
                  {room.features.length > 0 ? (
                    <ul className="flex flex-wrap gap-1" aria-label={`Features of ${room.name}`}>
                      {room.features.map((f) => (
                        <li key={f}>
                          <Badge variant="outline">{f}</Badge>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <section aria-labelledby={`free-${room.id}`} className="grid gap-1">
                    <h3 id={`free-${room.id}`} className="text-sm font-semibold">
                      Free in the next {PUBLIC_DAYS} days
                    </h3>
                    <p className="text-xs text-muted-foreground">
                      Start times for a {formatDuration(room.availability.durationMinutes)} session, {clock}.
                    </p>
                    <ul className="grid gap-0.5 text-sm" aria-label={`Free start times of ${room.name}`}>
                      {room.availability.days.map((d) => (
                        <li key={d.date} className="flex justify-between gap-2">
                          <span>{dayLabel(d.date)}</span>
                          <span className={d.freeStarts === 0 ? "text-muted-foreground" : undefined}>
                            {d.first
                              ? `${plural(d.freeStarts, "start time")} from ${localParts(d.first, studio.timeZone).time}`
                              : "Full or closed"}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </section>
                  <Button asChild className="justify-self-start">
                    <Link href={`/sign-up?callbackUrl=${encodeURIComponent(bookPath(room.id))}`}>
                      Sign up to book<span className="sr-only"> {room.name}</span>
                    </Link>
                  </Button>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm text-muted-foreground">
        New to {page.workspace.name}? After you create your account, {page.workspace.name} adds you as a creator (ask
        them for an invitation if you have none), and the room&apos;s booking page opens.
      </p>
    </main>
  );
}
