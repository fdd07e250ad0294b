import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { History } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { DELIVERY_LOG_LIMIT, listDeliveries, type DeliveryWithAttempts } from "@/lib/webhooks/delivery-log";
import { deliveryStatusSchema, type DeliveryStatus } from "@/lib/webhooks/schemas";
import { fmt } from "../webhook-format";
import { ReplayButton, SendTestEventButton } from "../webhook-forms";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Webhook deliveries" };

const FILTERS: { label: string; status?: DeliveryStatus }[] = [
  { label: "All" },
  { label: "Waiting", status: "pending" },
  { label: "Delivered", status: "delivered" },
  { label: "Failed", status: "failed" },
];

const STATUS_BADGE = {
  pending: { label: "retrying", variant: "warning" },
  delivered: { label: "delivered", variant: "success" },
  failed: { label: "failed", variant: "destructive" },
} as const;

export default async function DeliveryLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; endpointId: string }>;
  searchParams: Promise<{ status?: string | string[] }>;
}) {
  const { workspace, endpointId } = await params;
  const member = await requireMember({ workspace, permission: "webhooks.manage" });
  const parsedStatus = deliveryStatusSchema.safeParse((await searchParams).status);
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const [result, zone] = await Promise.all([
    listDeliveries(getDb(), member, endpointId, { status, now: appNow() }),
    workspaceTimeZone(getDb(), member.workspaceId),
  ]);
  if (!result.ok) notFound();
  const { endpoint, deliveries } = result.value;
  const slug = member.workspaceSlug;
  const base = `/w/${slug}/settings/webhooks/${endpoint.id}`;
  const name = endpoint.description || endpoint.url;
  return (
    <div className="grid max-w-5xl gap-6">
      <header className="grid gap-1">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/settings/webhooks`}>
            Webhooks
          </Link>{" "}
          / Delivery log
        </p>
        <h1 className="text-2xl font-semibold">Delivery log</h1>
        <p className="break-all font-mono text-sm">{endpoint.url}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={endpoint.enabled ? "success" : "outline"}>{endpoint.enabled ? "Enabled" : "Disabled"}</Badge>
          {endpoint.description ? <span className="text-sm text-muted-foreground">{endpoint.description}</span> : null}
        </div>
      </header>
      <Card>
        <CardHeader className="gap-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <CardTitle>Deliveries</CardTitle>
            {endpoint.enabled ? <SendTestEventButton workspace={slug} endpointId={endpoint.id} name={name} /> : null}
          </div>
          <nav aria-label="Filter deliveries by status">
            <ul className="flex flex-wrap gap-1">
              {FILTERS.map((f) => {
                const current = f.status === status;
                return (
                  <li key={f.label}>
                    <Link
                      href={f.status ? `${base}?status=${f.status}` : base}
                      aria-current={current ? "page" : undefined}
                      className={cn(
                        "inline-flex rounded-md px-3 py-1.5 text-sm font-medium hover:bg-muted",
                        current ? "bg-muted text-foreground" : "text-muted-foreground",
                      )}
                    >
                      {f.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </CardHeader>
        <CardContent>
          {deliveries.length === 0 ? (
            <EmptyState
              title={status ? `No ${STATUS_BADGE[status].label} deliveries` : "No deliveries yet"}
              icon={<History />}
            >
              {status
                ? "Other deliveries are under All."
                : "Events for this endpoint appear here as they are sent. Send a test event to try it."}
            </EmptyState>
          ) : (
            <DeliveriesTable deliveries={deliveries} slug={slug} zone={zone} />
          )}
          {deliveries.length === DELIVERY_LOG_LIMIT ? (
            <p className="mt-3 text-xs text-muted-foreground">Showing the latest {DELIVERY_LOG_LIMIT} deliveries.</p>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

function lastResult(d: DeliveryWithAttempts) {
  if (d.lastStatusCode !== null)
    return d.lastError && d.lastError !== `HTTP ${d.lastStatusCode}`
      ? `HTTP ${d.lastStatusCode}: ${d.lastError}`
      : `HTTP ${d.lastStatusCode}`;
  return d.lastError ?? "not tried yet";
}

function DeliveriesTable({
  deliveries,
  slug,
  zone,
}: {
  deliveries: DeliveryWithAttempts[];
  slug: string;
  zone: string;
}) {
  return (
    <Table scrollLabel="Deliveries">
      <TableHeader>
        <TableRow>
          <TableHead>Event</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Attempts</TableHead>
          <TableHead>Last result</TableHead>
          <TableHead>Next attempt</TableHead>
          {/* Relative: the absolutely placed sr-only text then scrolls with the table instead of widening the page. */}
          <TableHead className="relative text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deliveries.map((d) => {
          const badge = STATUS_BADGE[d.status as DeliveryStatus] ?? STATUS_BADGE.pending;
          return (
            <TableRow key={d.id} data-testid="delivery-row">
              <TableCell className="align-top">
                <div className="font-mono text-xs font-medium">{d.event}</div>
                <div className="text-xs text-muted-foreground">{fmt(d.createdAt, zone)}</div>
                <div className="font-mono text-[11px] text-muted-foreground">event {d.eventId}</div>
              </TableCell>
              <TableCell className="align-top">
                <Badge variant={badge.variant}>{badge.label}</Badge>
              </TableCell>
              <TableCell className="align-top">
                {d.log.length === 0 ? (
                  "0"
                ) : (
                  <details>
                    <summary className="cursor-pointer">{d.log.length}</summary>
                    <ol className="mt-2 grid min-w-64 gap-2 text-xs">
                      {d.log.map((a) => (
                        <li key={a.id} className="grid gap-0.5">
                          <span>
                            {fmt(a.createdAt, zone)} ·{" "}
                            {a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? "no answer")} · {a.durationMs}{" "}
                            ms
                            {a.replay ? " · replay" : ""}
                          </span>
                          {a.responseSnippet ? (
                            <code className="line-clamp-3 break-all font-mono text-[11px] text-muted-foreground">
                              {a.responseSnippet}
                            </code>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </TableCell>
              <TableCell className="max-w-64 align-top text-xs">{lastResult(d)}</TableCell>
              <TableCell className="align-top text-xs">
                {d.status === "pending" ? fmt(d.nextAttemptAt, zone, "now") : d.status === "failed" ? "gave up" : "—"}
              </TableCell>
              <TableCell className="align-top text-right">
                <ReplayButton
                  workspace={slug}
                  deliveryId={d.id}
                  label={`Replay ${d.event} of ${fmt(d.createdAt, zone)}`}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
