import Link from "next/link";
import type { Metadata } from "next";
import { Building2, Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { formatDurationRange, formatMoney, plural } from "@/lib/format";
import { bookableStudios } from "@/lib/studios/list-studios";

export const metadata: Metadata = { title: "Book a set" };

export default async function BookPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "bookings.create" });
  const studios = await bookableStudios(getDb(), member);
  return (
    <div className="grid gap-6">
      <header>
        <h1 className="text-2xl font-semibold">Book a set</h1>
        <p className="text-muted-foreground">
          Choose a room, then a free time. Times are shown in each studio&apos;s own time zone.
        </p>
      </header>
      {studios.every((s) => s.rooms.length === 0) ? (
        <EmptyState title="No rooms to book yet" icon={<Building2 />}>
          This workspace has no bookable rooms.
        </EmptyState>
      ) : (
        studios.map((s) =>
          s.rooms.length === 0 ? null : (
            <section key={s.id} aria-labelledby={`studio-${s.id}`} className="grid gap-3">
              <h2 id={`studio-${s.id}`} className="text-lg font-semibold">
                {s.name} <span className="text-sm font-normal text-muted-foreground">· {s.timeZone}</span>
              </h2>
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {s.rooms.map((r) => (
                  <li key={r.id}>
                    <Card className="h-full overflow-hidden">
                      {r.photos[0] ? (
                        // An uploaded photo (our /media route) or the operator's own https link; no image optimiser for remote hosts.
                        // eslint-disable-next-line @next/next/no-img-element
                        <img
                          src={r.photos[0]}
                          alt={`${r.name}`}
                          className="aspect-video w-full object-cover"
                          loading="lazy"
                        />
                      ) : null}
                      <CardHeader>
                        <CardTitle as="h3">
                          <Link className="hover:underline" href={`/w/${member.workspaceSlug}/book/${r.id}`}>
                            {r.name}
                          </Link>
                        </CardTitle>
                        <CardDescription>
                          {formatMoney(r.hourlyRateCents, s.currency)} / hour ·{" "}
                          {formatDurationRange(r.minMinutes, r.maxMinutes)}
                        </CardDescription>
                      </CardHeader>
                      <CardContent className="grid gap-2">
                        <p className="flex items-center gap-1 text-sm text-muted-foreground">
                          <Users className="size-4" aria-hidden /> up to {plural(r.capacity, "person")}
                        </p>
                        <p className="flex flex-wrap gap-1">
                          {r.features.map((f) => (
                            <Badge key={f} variant="outline">
                              {f}
                            </Badge>
                          ))}
                        </p>
                      </CardContent>
                    </Card>
                  </li>
                ))}
              </ul>
            </section>
          ),
        )
      )}
    </div>
  );
}
