import Link from "next/link";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Building2, Plus } from "lucide-react";
import { Logo } from "@/components/logo";
import { signOutAction } from "@/app/actions";
import { SignOutButton } from "@/components/sign-out-button";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { listUserWorkspaces } from "@/lib/workspaces/workspaces";

export const metadata: Metadata = { title: "Your workspaces" };

export default async function WorkspacesPage({ searchParams }: { searchParams: Promise<{ choose?: string }> }) {
  const user = await requireUser("/workspaces");
  const list = await listUserWorkspaces(getDb(), user.id);
  // One workspace: go straight in, unless the user asked to choose.
  if (list.length === 1 && !(await searchParams).choose) redirect(`/w/${list[0].slug}`);
  return (
    <main id="main" className="mx-auto flex min-h-dvh w-full max-w-xl flex-col gap-6 p-4 sm:p-6">
      <header className="flex items-center justify-between">
        <Logo />
        <SignOutButton action={signOutAction} />
      </header>
      <Card>
        <CardHeader>
          <CardTitle as="h1">Your workspaces</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {list.length === 0 ? (
            <EmptyState title="You are not in a workspace yet" icon={<Building2 />}>
              Ask a studio to invite you (the invitation arrives by email), or create a workspace for your own studios.
            </EmptyState>
          ) : (
            <ul className="grid gap-2">
              {list.map((w) => (
                <li key={w.slug}>
                  <Link
                    href={`/w/${w.slug}`}
                    className="flex items-center justify-between rounded-md border border-border p-3 hover:bg-muted"
                  >
                    <span className="font-medium">{w.name}</span>
                    <span className="text-sm capitalize text-muted-foreground">{w.role}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Button asChild variant="outline">
            <Link href="/workspaces/new">
              <Plus aria-hidden /> Create a workspace
            </Link>
          </Button>
        </CardContent>
      </Card>
    </main>
  );
}
