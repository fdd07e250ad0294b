import type { Metadata } from "next";
import { CalendarDays } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can, canOperateStudio } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { listFeeds } from "@/lib/calendar/feeds";
import { getDb } from "@/lib/db";
import { formatDayInZone } from "@/lib/studios/local-time";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { listStudioChoices } from "@/lib/workspaces/workspaces";
import { CreateFeedForm, RevokeFeedForm } from "./feed-forms";

export const metadata: Metadata = { title: "Calendar feeds" };

export default async function CalendarFeedsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "bookings.view" });
  const db = getDb();
  const [feeds, studios, workspaceZone] = await Promise.all([
    listFeeds(db, member),
    listStudioChoices(db, member.workspaceId),
    workspaceTimeZone(db, member.workspaceId),
  ]);
  // A studio's feed was made on that studio's clock; a creator's own feed on the workspace's.
  const zoneOf = (studioId: string | null) => studios.find((s) => s.id === studioId)?.timeZone ?? workspaceZone;
  const mine = studios.filter((s) => canOperateStudio(member, s.id));
  const slug = member.workspaceSlug;
  return (
    <div className="grid max-w-3xl gap-6">
      <header>
        <h1 className="text-2xl font-semibold">Calendar feeds</h1>
        <p className="text-muted-foreground">
          Subscribe to your bookings from Google Calendar, Apple Calendar or Outlook with a private address. Anyone with
          the address can read the calendar: revoke it if it leaks.
        </p>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>New feed</CardTitle>
          <CardDescription>The address is shown once, like an API token.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {can(member, "calendar.own_feed") ? (
            <CreateFeedForm workspace={slug} label="Create a feed of my bookings" />
          ) : null}
          {mine.map((s) => (
            <CreateFeedForm key={s.id} workspace={slug} studioId={s.id} label={`Create a feed of ${s.name}`} />
          ))}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Your feeds</CardTitle>
        </CardHeader>
        <CardContent>
          {feeds.length === 0 ? (
            <EmptyState title="No feeds yet" icon={<CalendarDays />} />
          ) : (
            <ul className="divide-y divide-border">
              {feeds.map((f) => (
                <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <span>
                    {f.studioName ? `Studio: ${f.studioName}` : "My bookings"}
                    <span className="block text-xs text-muted-foreground">
                      created {formatDayInZone(f.createdAt, zoneOf(f.studioId))}
                    </span>
                  </span>
                  {f.revokedAt ? (
                    <Badge variant="outline">revoked</Badge>
                  ) : (
                    <RevokeFeedForm workspace={slug} feedId={f.id} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
