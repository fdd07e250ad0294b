import Link from "next/link";
import type { ReactNode } from "react";
import type { Metadata } from "next";
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { Building2, Grid3x3 } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { operatorToday, utilizationHeatmap } from "@/lib/operations/dashboard";
import { tzMidnight } from "@/lib/operations/run-sheet";
import { Heatmap } from "./heatmap";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Dashboard" };

const DAYS = 30;
type StudioToday = Awaited<ReturnType<typeof operatorToday>>[number];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ studio?: string | string[] }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "dashboard.view" });
  const asked = (await searchParams).studio;
  const db = getDb();
  const now = appNow();
  const slug = member.workspaceSlug;
  const today = await operatorToday(db, member, now);
  if (today.length === 0) {
    return (
      <div className="grid max-w-4xl gap-6">
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <EmptyState title="No studios yet" icon={<Building2 />}>
          <Link className="underline underline-offset-4" href={`/w/${slug}/setup`}>
            Add a studio in Setup
          </Link>{" "}
          to see its day here.
        </EmptyState>
      </div>
    );
  }
  // Only a studio of this workspace is looked up: anything else in the URL falls back to the first one.
  const chosen = today.find((t) => t.studio.id === asked)?.studio ?? today[0].studio;
  const heat = await utilizationHeatmap(db, member, chosen.id, now, DAYS);
  const anything = heat?.rooms.some((r) => r.hours.some((h) => h.percent > 0)) ?? false;

  return (
    <div className="grid gap-8">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="text-sm text-muted-foreground">
          Today in every studio, each on its own clock, and how the rooms were used over the last {DAYS} days.
        </p>
      </header>

      <section aria-labelledby="today-heading" className="grid gap-4">
        <h2 id="today-heading" className="text-xl font-semibold">
          Today
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          {today.map((t) => (
            <StudioCard key={t.studio.id} slug={slug} day={t} />
          ))}
        </div>
      </section>

      {/* min-w-0: a grid item is as wide as its widest content by default; the heatmap scrolls inside its box instead. */}
      <section aria-labelledby="heat-heading" className="grid min-w-0 gap-4">
        <div className="grid gap-1">
          <h2 id="heat-heading" className="text-xl font-semibold">
            Utilization by hour, last {DAYS} days
          </h2>
          <p className="text-sm text-muted-foreground">
            The share of each hour of the day that was booked, per room, on {chosen.name}&apos;s clock (
            {chosen.timeZone}).
          </p>
        </div>
        {today.length > 1 ? (
          <form
            method="get"
            aria-label="Studio of the heatmap"
            className="flex flex-wrap items-end gap-3"
            key={chosen.id}
          >
            <div className="grid gap-2">
              <Label htmlFor="heat-studio">Studio</Label>
              <NativeSelect id="heat-studio" name="studio" defaultValue={chosen.id} className="w-auto min-w-56">
                {today.map((t) => (
                  <option key={t.studio.id} value={t.studio.id}>
                    {t.studio.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <Button type="submit" variant="secondary">
              Show
            </Button>
          </form>
        ) : null}
        {!heat || heat.rooms.length === 0 ? (
          <EmptyState title={`${chosen.name} has no rooms yet`} icon={<Grid3x3 />}>
            Rooms appear here once they are set up.
          </EmptyState>
        ) : (
          <>
            {anything ? null : (
              <Alert>
                Nothing was booked at {chosen.name} in the last {DAYS} days: every hour is at 0 %.
              </Alert>
            )}
            <Heatmap
              rows={heat.rooms}
              caption={`Share of each hour booked at ${chosen.name}, by room, last ${DAYS} days (${chosen.timeZone})`}
            />
          </>
        )}
      </section>
    </div>
  );
}

function StudioCard({ slug, day }: { slug: string; day: StudioToday }) {
  const { studio } = day;
  const date = format(new Date(tzMidnight(day.today, studio.timeZone).getTime() + 12 * 3_600_000), "EEEE d MMMM", {
    in: tz(studio.timeZone),
  });
  return (
    <Card aria-labelledby={`studio-${studio.id}`}>
      <CardHeader>
        <CardTitle id={`studio-${studio.id}`}>{studio.name}</CardTitle>
        <CardDescription>
          {date} · {studio.timeZone}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {day.sessions === 0 ? <p className="text-sm text-muted-foreground">No sessions today.</p> : null}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
          <Figure term="Sessions">{day.sessions}</Figure>
          <Figure term="Checked in">{day.checkedIn}</Figure>
          <Figure term="No-shows">{day.noShows}</Figure>
          <Figure term="Samples waiting">{day.samplesWaiting}</Figure>
          <Figure term="Samples at risk">{day.samplesAtRisk}</Figure>
          <Figure term="Storage occupied">
            {day.storage.units === 0
              ? "No units"
              : `${day.storage.occupied} of ${plural(day.storage.units, "unit", "units")}`}
          </Figure>
        </dl>
        <div className="grid gap-1 text-sm">
          <p className="font-medium">Rooms free now</p>
          <p className="text-muted-foreground">
            {day.roomsFreeNow.length === 0
              ? "None: every room is in use or closed for booking."
              : day.roomsFreeNow.join(", ")}
          </p>
        </div>
        <Button asChild variant="outline" size="sm" className="justify-self-start">
          <Link href={`/w/${slug}/run-sheet?studio=${studio.id}`}>
            Run sheet<span className="sr-only"> of {studio.name}</span>
          </Link>
        </Button>
      </CardContent>
    </Card>
  );
}

function Figure({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="text-lg font-semibold tabular-nums">{children}</dd>
    </div>
  );
}
