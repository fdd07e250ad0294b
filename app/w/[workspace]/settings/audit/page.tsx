import Link from "next/link";
import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  AUDIT_TOPICS,
  auditFilterSchema,
  auditPageSchema,
  auditPeople,
  describeAction,
  describeData,
  listAuditLog,
} from "@/lib/audit/audit-log";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { clockName, formatLocal } from "@/lib/studios/local-time";
import { workspaceTimeZone } from "@/lib/studios/workspace-time-zone";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

/** Who did what and when in the workspace, newest first, filterable by topic, person and days, and as CSV. */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Search>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "audit.view" });
  const search = await searchParams;
  const db = getDb();
  const asked = { topic: one(search.topic), who: one(search.who), from: one(search.from), to: one(search.to) };
  const filter = auditFilterSchema.safeParse(asked);
  const paging = auditPageSchema.safeParse({ limit: one(search.limit), cursor: one(search.cursor) });
  const zone = await workspaceTimeZone(db, member.workspaceId);
  const [people, page] = await Promise.all([
    auditPeople(db, member),
    filter.success && paging.success
      ? listAuditLog(db, member, {
          filter: filter.data,
          timeZone: zone,
          page: { limit: paging.data.limit, after: paging.data.cursor },
        })
      : null,
  ]);
  const base = `/w/${member.workspaceSlug}/settings/audit`;
  const query = new URLSearchParams(Object.entries(asked).filter((e): e is [string, string] => e[1] !== undefined));
  const problem = !filter.success
    ? filter.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")
    : !paging.success
      ? "That page of the log no longer exists: start again from the newest."
      : null;

  return (
    <div className="grid gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-muted-foreground">
          Who voided, credited or recorded a payment, changed a policy, a price or a role, and when. Times are{" "}
          {clockName(zone)}.
        </p>
      </header>
      <form
        method="get"
        action={base}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
        aria-label="Filter the audit log"
      >
        <div className="grid gap-2">
          <Label htmlFor="audit-topic">Topic</Label>
          <NativeSelect id="audit-topic" name="topic" defaultValue={asked.topic ?? ""}>
            <option value="">Everything</option>
            {Object.entries(AUDIT_TOPICS).map(([key, t]) => (
              <option key={key} value={key}>
                {t.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audit-who">Who</Label>
          <NativeSelect id="audit-who" name="who" defaultValue={asked.who ?? ""}>
            <option value="">Anyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name ? `${p.name} (${p.email})` : p.email}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audit-from">From</Label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={asked.from}
            className="h-10 rounded-md border border-input bg-background px-3 text-sm"
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audit-to">To</Label>
          <input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={asked.to}
            className="h-10 rounded-md border border-input bg-background px-3 text-sm"
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit">Filter</Button>
          <Button asChild variant="outline">
            <a href={`${base}/export?${query}`} download>
              Download CSV
            </a>
          </Button>
        </div>
      </form>
      {problem ? <Alert variant="destructive">{problem}</Alert> : null}
      {page && page.rows.length === 0 ? (
        <EmptyState title="Nothing in the log matches" icon={<ScrollText />}>
          Changes to money, policies, prices, people, bookings, samples and storage are recorded here as they happen.
        </EmptyState>
      ) : null}
      {page && page.rows.length > 0 ? (
        <Table scrollLabel="Audit log entries">
          <caption className="sr-only">Audit log, newest first</caption>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Details</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell className="whitespace-nowrap tabular-nums">{formatLocal(r.at, zone)}</TableCell>
                <TableCell>{r.byName ?? r.byEmail ?? "Livebase (automatic)"}</TableCell>
                <TableCell>
                  {describeAction(r.action)}
                  {r.subjectType ? (
                    <span className="block text-xs text-muted-foreground">{r.subjectType.replace(/_/g, " ")}</span>
                  ) : null}
                </TableCell>
                <TableCell className="max-w-md break-words text-xs text-muted-foreground">
                  {describeData(r.data)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {page?.nextCursor ? (
        <nav aria-label="Audit log pages" className="flex gap-2">
          <Button asChild variant="outline">
            <Link href={`${base}?${new URLSearchParams({ ...Object.fromEntries(query), cursor: page.nextCursor })}`}>
              Older entries
            </Link>
          </Button>
          {one(search.cursor) ? (
            <Button asChild variant="ghost">
              <Link href={`${base}?${query}`}>Newest</Link>
            </Button>
          ) : null}
        </nav>
      ) : one(search.cursor) ? (
        <Button asChild variant="ghost" className="justify-self-start">
          <Link href={`${base}?${query}`}>Back to the newest</Link>
        </Button>
      ) : null}
    </div>
  );
}
