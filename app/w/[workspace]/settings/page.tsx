import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getUser } from "@/lib/auth/accounts";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { PasswordForm, ProfileForm } from "./settings-forms";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ password?: string }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "profile.manage" });
  const user = await getUser(getDb(), member.userId);
  if (!user) notFound();
  const changed = (await searchParams).password === "changed";
  return (
    <div className="grid max-w-2xl gap-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      {changed ? <Alert variant="success">Password changed. Other devices have been signed out.</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
          <CardDescription>How studios, creators and brands see you.</CardDescription>
        </CardHeader>
        <CardContent>
          <ProfileForm workspace={member.workspaceSlug} name={user.name ?? ""} email={user.email} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
        </CardHeader>
        <CardContent>
          <PasswordForm workspace={member.workspaceSlug} hasPassword={user.hasPassword} />
        </CardContent>
      </Card>
    </div>
  );
}
