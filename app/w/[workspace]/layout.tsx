import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/logo";
import { NavLinks } from "@/components/shell/nav-links";
import { navFor } from "@/components/shell/nav-items";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { signOutAction } from "@/app/actions";
import { SignOutButton } from "@/components/sign-out-button";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { listUserWorkspaces } from "@/lib/workspaces/workspaces";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "workspace.view" });
  const workspaces = await listUserWorkspaces(getDb(), member.userId);
  const items = navFor(member, member.workspaceSlug).map(({ href, label, exact }) => ({ href, label, exact }));
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <aside className="no-print border-b border-border md:w-64 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between gap-2 p-4">
          <Link href={`/w/${member.workspaceSlug}`} aria-label="Overview">
            <Logo />
          </Link>
          <div className="flex items-center md:hidden">
            <ThemeToggle />
            <SignOutButton action={signOutAction} />
          </div>
        </div>
        <div className="px-4 pb-3">
          <WorkspaceSwitcher current={member.workspaceSlug} workspaces={workspaces} />
        </div>
        <nav aria-label="Main" className="px-2 pb-3 md:px-3">
          <div className="md:hidden">
            <NavLinks items={items} orientation="horizontal" />
          </div>
          <div className="hidden md:block">
            <NavLinks items={items} orientation="vertical" />
          </div>
        </nav>
        <div className="hidden border-t border-border p-4 md:block">
          <p className="truncate text-sm font-medium">{member.name ?? member.email}</p>
          <p className="truncate text-xs text-muted-foreground">
            {member.email} · <span className="capitalize">{member.role}</span>
          </p>
          <div className="mt-2 flex items-center gap-1">
            <ThemeToggle />
            <SignOutButton action={signOutAction} />
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
        {children}
      </main>
    </div>
  );
}
