import Link from "next/link";
import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";
import { listEndpoints, type EndpointSummary } from "@/lib/webhooks/endpoints";
import { EVENT_DESCRIPTIONS, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { fmt } from "./webhook-format";
import {
  CreateEndpointForm,
  DeleteEndpointButton,
  EditEndpointForm,
  RotateSecretButton,
  SendTestEventButton,
  ToggleEndpointButton,
} from "./webhook-forms";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Webhooks" };

const EVENT_OPTIONS = WEBHOOK_EVENTS.map((value) => ({ value, description: EVENT_DESCRIPTIONS[value] }));

export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "webhooks.manage" });
  const [endpoints, zone] = await Promise.all([
    listEndpoints(getDb(), member, appNow()),
    workspaceTimeZone(getDb(), member.workspaceId),
  ]);
  const slug = member.workspaceSlug;
  return (
    <div className="grid max-w-4xl gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="text-muted-foreground">
          Livebase tells your systems when your samples are received, staged or disposed of at {member.workspaceName}:
          it POSTs a signed JSON event to each endpoint you add here, and retries for 3 days until your endpoint answers
          2xx.
        </p>
      </header>
      {member.brandId ? null : (
        <Alert>Your membership is not linked to a brand yet. Ask the studio to link it before adding endpoints.</Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>New endpoint</CardTitle>
          <CardDescription>
            Check each request&apos;s <code className="font-mono text-xs">Livebase-Signature</code> header with the
            endpoint&apos;s secret before trusting it.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateEndpointForm workspace={slug} events={EVENT_OPTIONS} />
        </CardContent>
      </Card>
      <section aria-labelledby="endpoints-heading" className="grid gap-4">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          Your endpoints
        </h2>
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints yet" icon={<Webhook />}>
            Add the URL of your receiver above; then send it a test event to check that it answers.
          </EmptyState>
        ) : (
          <ul className="grid gap-4">
            {endpoints.map((e) => (
              <li key={e.id}>
                <EndpointCard endpoint={e} slug={slug} zone={zone} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function EndpointCard({ endpoint: e, slug, zone }: { endpoint: EndpointSummary; slug: string; zone: string }) {
  const name = e.description || e.url;
  const headingId = `endpoint-${e.id}`;
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle as="h3" id={headingId} className="min-w-0 break-all font-mono text-sm">
            {e.url}
          </CardTitle>
          <Badge variant={e.enabled ? "success" : "outline"}>{e.enabled ? "Enabled" : "Disabled"}</Badge>
        </div>
        {e.description ? <CardDescription>{e.description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {e.failedLast24h > 0 ? (
          // Not an ARIA alert: it is part of the page as loaded, not news to interrupt a screen reader with.
          <Alert variant="destructive" role={undefined}>
            <strong>
              {e.failedLast24h} {e.failedLast24h === 1 ? "delivery" : "deliveries"} failed in the last 24 h.
            </strong>{" "}
            {e.failedLast24h === 1 ? "It is" : "They are"} retried for 3 days;{" "}
            <Link className="underline underline-offset-4" href={`/w/${slug}/settings/webhooks/${e.id}`}>
              see why and replay
            </Link>
            .
          </Alert>
        ) : null}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-muted-foreground">Events</dt>
            <dd className="font-mono text-xs">{e.events.length ? e.events.join(", ") : "All events"}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Signing secret</dt>
            <dd className="font-mono text-xs">{e.secretHint}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Last delivered</dt>
            <dd>{fmt(e.lastDeliveredAt, zone)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Last failure</dt>
            <dd>{fmt(e.lastFailedAt, zone)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Waiting to be delivered</dt>
            <dd>{e.pending}</dd>
          </div>
        </dl>
        <div className="flex flex-wrap items-center gap-2">
          <Link
            className="inline-flex h-9 items-center rounded-md border border-border px-3 text-sm font-medium hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            href={`/w/${slug}/settings/webhooks/${e.id}`}
            aria-label={`Delivery log of ${name}`}
          >
            Delivery log
          </Link>
          {e.enabled ? <SendTestEventButton workspace={slug} endpointId={e.id} name={name} /> : null}
          <ToggleEndpointButton workspace={slug} endpointId={e.id} name={name} enabled={e.enabled} />
          <RotateSecretButton workspace={slug} endpointId={e.id} name={name} />
          <DeleteEndpointButton workspace={slug} endpointId={e.id} name={name} />
        </div>
        <details className="rounded-md border border-border px-4 py-2">
          <summary className="cursor-pointer text-sm font-medium">Edit description and events</summary>
          <EditEndpointForm
            workspace={slug}
            endpointId={e.id}
            description={e.description}
            events={e.events}
            options={EVENT_OPTIONS}
          />
        </details>
      </CardContent>
    </Card>
  );
}
