import Link from "next/link";
import type { Metadata } from "next";
import { Building2, KeyRound, Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { plural } from "@/lib/format";
import { workspaceOverview } from "@/lib/workspaces/overview";
import { appNow } from "@/lib/clock";
import { isStudioScoped } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Overview" };

const ROLE_INTRO: Record<string, string> = {
  owner: "You run this workspace: studios, rooms, prices, people and reports.",
  manager: "You manage this workspace's studios, rooms, prices and people.",
  staff: "You run the floor of your studios: the day's sessions, check-ins, deliveries and storage.",
  creator: "Book studio sets for your live streams, store your stock overnight and follow the samples brands send you.",
  brand: "Ship product samples to the studios for your creators and follow every item to the set and back.",
};

export default async function OverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "workspace.view" });
  const stats = await workspaceOverview(getDb(), member, appNow());
  const base = `/w/${member.workspaceSlug}`;
  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">{member.workspaceName}</h1>
        <p className="text-muted-foreground">
          Signed in as {member.name ?? member.email} <Badge className="ml-1 capitalize">{member.role}</Badge>
        </p>
        <p className="text-sm text-muted-foreground">{ROLE_INTRO[member.role]}</p>
      </header>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <Building2 className="size-5 text-primary" aria-hidden /> Studios
            </CardTitle>
            <CardDescription>
              {plural(stats.studios, "studio")}, {plural(stats.rooms, "room")}
              {isStudioScoped(member.role) ? ` · you work in ${member.studioIds.length}` : ""}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Link className="text-sm underline underline-offset-4" href={`${base}/studios`}>
              See studios and rooms
            </Link>
          </CardContent>
        </Card>
        {stats.members !== null ? (
          <Card>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <Users className="size-5 text-primary" aria-hidden /> Members
              </CardTitle>
              <CardDescription>
                {plural(stats.members, "member")} · {plural(stats.pendingInvitations, "pending invitation")}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <Link className="text-sm underline underline-offset-4" href={`${base}/settings/members`}>
                Manage members
              </Link>
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <KeyRound className="size-5 text-primary" aria-hidden /> API
            </CardTitle>
            <CardDescription>Connect your own tools with a personal token and the REST API.</CardDescription>
          </CardHeader>
          <CardContent>
            <Link className="text-sm underline underline-offset-4" href={`${base}/settings/tokens`}>
              Manage API tokens
            </Link>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
