import Link from "next/link";
import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/require-member";
import { stripeConnected } from "@/lib/billing/stripe-client";
import { getDb } from "@/lib/db";
import { getPolicies } from "@/lib/policies/policies";
import { PoliciesForm } from "./policies-form";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "policies.manage" });
  const policies = await getPolicies(getDb(), member.workspaceId);
  return (
    <div className="grid max-w-3xl gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${member.workspaceSlug}/setup`}>
            Setup
          </Link>{" "}
          / Policies
        </p>
        <h1 className="text-2xl font-semibold">Policies</h1>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>Booking and fees</CardTitle>
          <CardDescription>
            For every studio of {member.workspaceName}. Fees are a share of the booking&apos;s quoted price.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PoliciesForm workspace={member.workspaceSlug} policies={policies} stripeConnected={stripeConnected()} />
        </CardContent>
      </Card>
    </div>
  );
}
