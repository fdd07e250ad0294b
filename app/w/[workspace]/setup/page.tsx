import Link from "next/link";
import type { Metadata } from "next";
import { Building2, ChevronRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { requireMember } from "@/lib/auth/require-member";
import { cardPolicyRefusal } from "@/lib/billing/booking-gate";
import { getDb } from "@/lib/db";
import { getPolicies } from "@/lib/policies/policies";
import { timeZones } from "@/lib/studios/local-time";
import { listSetupStudios } from "@/lib/studios/setup-queries";
import { createStudioAction } from "./actions";
import { StudioForm } from "./studio-form";

export const metadata: Metadata = { title: "Setup" };

export default async function SetupPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "studios.manage" });
  const db = getDb();
  const [studios, policies] = await Promise.all([listSetupStudios(db, member), getPolicies(db, member.workspaceId)]);
  const slug = member.workspaceSlug;
  return (
    <div className="grid max-w-4xl gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Setup</h1>
        <p className="text-muted-foreground">Studios, rooms, prices and the rules every booking follows.</p>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>Studios</CardTitle>
          <CardDescription>Open a studio to set its hours, closures, rooms, peak prices and add-ons.</CardDescription>
        </CardHeader>
        <CardContent>
          {studios.length === 0 ? (
            <EmptyState title="No studios yet" icon={<Building2 />}>
              Add your first studio below.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border">
              {studios.map((s) => (
                <li key={s.id}>
                  <Link
                    href={`/w/${slug}/setup/studios/${s.id}`}
                    className="flex items-center justify-between gap-3 rounded-md px-2 py-3 hover:bg-muted"
                  >
                    <span className="min-w-0">
                      <span className="block font-medium">{s.name}</span>
                      <span className="block truncate text-sm text-muted-foreground">
                        {[s.address, s.timeZone].filter(Boolean).join(" · ")}
                      </span>
                    </span>
                    <span className="flex shrink-0 items-center gap-2">
                      <Badge variant="outline">
                        {s.activeRooms} of {s.rooms} {s.rooms === 1 ? "room" : "rooms"} open
                      </Badge>
                      <ChevronRight className="size-4 text-muted-foreground" aria-hidden />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Add a studio</CardTitle>
        </CardHeader>
        <CardContent>
          <StudioForm
            workspace={slug}
            action={createStudioAction}
            timeZones={timeZones()}
            defaultTimeZone={studios[0]?.timeZone ?? "UTC"}
            defaultCurrency={member.currency}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Booking policies</CardTitle>
          <CardDescription>For every studio of {member.workspaceName}.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <Policy term="Minimum notice" value={`${policies.minNoticeMinutes} min`} />
            <Policy term="Booking window" value={`${policies.bookingWindowDays} days`} />
            <Policy term="Hold" value={`${policies.holdMinutes} min`} />
            <Policy term="Free cancellation" value={`until ${policies.freeCancellationHours} h before`} />
            <Policy term="Late-cancellation fee" value={`${policies.lateCancelFeePercent} %`} />
            <Policy term="No-show fee" value={`${policies.noShowFeePercent} %`} />
            <Policy
              term="Card on file to book"
              value={
                { auto: "automatic (when Stripe is connected)", required: "always", not_required: "not required" }[
                  policies.cardOnFile
                ]
              }
            />
            <Policy term="Failed payment blocks booking" value={policies.blockBookingWhenUnpaid} />
            <Policy term="Invoice after" value={`${policies.invoiceDelayMinutes} min`} />
            <Policy term="Check-in opens" value={`${policies.checkInOpensMinutes} min before`} />
            <Policy term="No-show after" value={`${policies.noShowGraceMinutes} min`} />
            <Policy
              term="Overtime"
              value={`after ${policies.overtimeGraceMinutes} min, ${policies.overtimeRatePercent} % of the rate`}
            />
            <Policy term="Storage overrun" value={`${policies.storageOverrunPercent} % per night`} />
          </dl>
          {cardPolicyRefusal(policies.cardOnFile) ? (
            <Alert>
              Card on file is set to always required, but Stripe is not connected: no card can be added, so none is
              asked for until it is.
            </Alert>
          ) : null}
          <Button asChild variant="outline" className="justify-self-start">
            <Link href={`/w/${slug}/setup/policies`}>Edit policies</Link>
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}

function Policy({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex justify-between gap-3 border-b border-border py-1">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
