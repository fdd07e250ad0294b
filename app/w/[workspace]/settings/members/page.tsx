import type { Metadata } from "next";
import { MailPlus, Users } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { assignableRoles, canManageMember, isStudioScoped } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { formatInZone } from "@/lib/studios/local-time";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { listPendingInvitations } from "@/lib/workspaces/invitations";
import { listMembers } from "@/lib/workspaces/members";
import { listBrands, listStudioChoices } from "@/lib/workspaces/workspaces";
import { InviteForm, MemberRoleForm, RemoveButton } from "./member-forms";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "members.view" });
  const db = getDb();
  const now = appNow();
  const [members, invitations, studios, brands, zone] = await Promise.all([
    listMembers(db, member),
    listPendingInvitations(db, member, now),
    listStudioChoices(db, member.workspaceId),
    listBrands(db, member.workspaceId),
    workspaceTimeZone(db, member.workspaceId),
  ]);
  const choices = { roles: assignableRoles(member), studios, brands };
  const studioName = new Map(studios.map((s) => [s.id, s.name]));
  const slug = member.workspaceSlug;
  return (
    <div className="grid max-w-4xl gap-6">
      <h1 className="text-2xl font-semibold">Members</h1>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <MailPlus className="size-5 text-primary" aria-hidden /> Invite someone
          </CardTitle>
          <CardDescription>They get an email with a link that works for 7 days.</CardDescription>
        </CardHeader>
        <CardContent>
          <InviteForm workspace={slug} choices={choices} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Pending invitations</CardTitle>
        </CardHeader>
        <CardContent>
          {invitations.length === 0 ? (
            <EmptyState title="No pending invitations" />
          ) : (
            <ul className="divide-y divide-border">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <span>
                    <span className="font-medium">{i.email}</span> <Badge className="capitalize">{i.role}</Badge>
                    <span className="block text-xs text-muted-foreground">
                      expires {formatInZone(i.expiresAt, zone)}
                    </span>
                  </span>
                  <RemoveButton workspace={slug} id={i.id} label={`invitation for ${i.email}`} kind="invitation" />
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>People in {member.workspaceName}</CardTitle>
        </CardHeader>
        <CardContent>
          {members.length === 0 ? (
            <EmptyState title="No members" icon={<Users />} />
          ) : (
            <ul className="divide-y divide-border">
              {members.map((m) => {
                const label = m.name ?? m.email;
                const manageable = m.userId !== member.userId && canManageMember(member, m.role);
                return (
                  <li key={m.id} className="grid gap-3 py-4 sm:grid-cols-[1fr_auto]">
                    <div>
                      <p className="font-medium">
                        {label}{" "}
                        {m.userId === member.userId ? (
                          <span className="text-xs text-muted-foreground">(you)</span>
                        ) : null}
                      </p>
                      <p className="text-sm text-muted-foreground">{m.email}</p>
                      <p className="mt-1 flex flex-wrap gap-1">
                        <Badge className="capitalize">{m.role}</Badge>
                        {isStudioScoped(m.role)
                          ? m.studioIds.map((id) => (
                              <Badge key={id} variant="outline">
                                {studioName.get(id) ?? "unknown studio"}
                              </Badge>
                            ))
                          : null}
                        {m.brandName ? <Badge variant="outline">{m.brandName}</Badge> : null}
                      </p>
                    </div>
                    {manageable ? (
                      <div className="grid gap-3 sm:w-72">
                        <MemberRoleForm
                          workspace={slug}
                          membershipId={m.id}
                          role={m.role}
                          studioIds={m.studioIds}
                          brandId={m.brandId}
                          choices={choices}
                          label={label}
                        />
                        <RemoveButton workspace={slug} id={m.id} label={label} kind="member" />
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
