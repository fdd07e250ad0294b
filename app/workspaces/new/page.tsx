import Link from "next/link";
import type { Metadata } from "next";
import { Logo } from "@/components/logo";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/require-member";
import { NewWorkspaceForm } from "./new-workspace-form";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function NewWorkspacePage() {
  await requireUser("/workspaces/new");
  return (
    <main id="main" className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-6 p-4 sm:p-6">
      <Link href="/workspaces" className="self-center" aria-label="Your workspaces">
        <Logo />
      </Link>
      <Card>
        <CardHeader>
          <CardTitle as="h1">Create a workspace</CardTitle>
          <CardDescription>
            A workspace is one studio operator: its studios, rooms, people and money. You will be its owner.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NewWorkspaceForm />
        </CardContent>
      </Card>
    </main>
  );
}
