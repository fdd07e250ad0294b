import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { formatInZone } from "@/lib/studios/local-time";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "tokens.manage" });
  const [tokens, zone] = await Promise.all([
    listApiTokens(getDb(), member),
    workspaceTimeZone(getDb(), member.workspaceId),
  ]);
  const fmt = (d: Date | null) => (d ? formatInZone(d, zone) : "never");
  return (
    <div className="grid max-w-3xl gap-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <Card>
        <CardHeader>
          <CardTitle>New token</CardTitle>
          <CardDescription>
            A token acts as you in {member.workspaceName} with your role ({member.role}). Send it as{" "}
            <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code> to{" "}
            <code className="font-mono text-xs">/api/v1</code>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm workspace={member.workspaceSlug} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Your tokens</CardTitle>
        </CardHeader>
        <CardContent>
          {tokens.length === 0 ? (
            <EmptyState title="No tokens yet" icon={<KeyRound />}>
              Tokens you create appear here. Only their first characters are kept for you to recognise them.
            </EmptyState>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Starts with</TableHead>
                  <TableHead>Created</TableHead>
                  <TableHead>Last used</TableHead>
                  <TableHead className="text-right">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {tokens.map((t) => (
                  <TableRow key={t.id}>
                    <TableCell className="font-medium">{t.name}</TableCell>
                    <TableCell className="font-mono text-xs">{t.prefix}…</TableCell>
                    <TableCell className="text-xs">{fmt(t.createdAt)}</TableCell>
                    <TableCell className="text-xs">{fmt(t.lastUsedAt)}</TableCell>
                    <TableCell className="text-right">
                      {t.revokedAt ? (
                        <Badge variant="outline">revoked</Badge>
                      ) : (
                        <RevokeTokenButton workspace={member.workspaceSlug} tokenId={t.id} name={t.name} />
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
