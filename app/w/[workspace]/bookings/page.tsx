import Link from "next/link";
import type { Metadata } from "next";
import { CalendarDays } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { actsForSelfOnly, can } from "@/lib/auth/permissions";
import { requireMember } from "@/lib/auth/require-member";
import { studioTimeRange } from "@/lib/bookings/emails";
import { listBookings } from "@/lib/bookings/list-bookings";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import type { Quote } from "@/lib/pricing";
import { WaitlistSection } from "./waitlist-section";
import { appNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Bookings" };

export default async function BookingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ when?: string }>;
}) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "bookings.view" });
  const when = (await searchParams).when === "past" ? "past" : "upcoming";
  const now = appNow();
  const rows = await listBookings(getDb(), member, { when, now });
  const slug = member.workspaceSlug;
  const mine = actsForSelfOnly(member);
  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{mine ? "My bookings" : "Bookings"}</h1>
        {can(member, "bookings.create") ? (
          <Button asChild>
            <Link href={`/w/${slug}/book`}>Book a set</Link>
          </Button>
        ) : null}
      </header>
      <nav aria-label="Which bookings" className="flex gap-2">
        {(["upcoming", "past"] as const).map((w) => (
          <Button key={w} asChild variant={w === when ? "secondary" : "ghost"} size="sm">
            <Link
              href={`/w/${slug}/bookings?when=${w}`}
              aria-current={w === when ? "page" : undefined}
              className="capitalize"
            >
              {w}
            </Link>
          </Button>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={when === "upcoming" ? "No upcoming bookings" : "No past bookings"} icon={<CalendarDays />}>
          {mine && when === "upcoming" ? "Book a set and it will appear here." : null}
        </EmptyState>
      ) : (
        <Table scrollLabel="Bookings (scrolls sideways)" keyColumn>
          <TableHeader>
            <TableRow>
              <TableHead>When (studio time)</TableHead>
              <TableHead>Room</TableHead>
              {!mine ? <TableHead>Creator</TableHead> : null}
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Price</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((b) => (
              <TableRow key={b.id}>
                <TableCell>
                  <Link className="font-medium underline-offset-4 hover:underline" href={`/w/${slug}/bookings/${b.id}`}>
                    {studioTimeRange(b.startsAt, b.endsAt, b.timeZone)}
                  </Link>
                  <span className="block font-mono text-xs text-muted-foreground">{b.code}</span>
                </TableCell>
                <TableCell>
                  {b.roomName}
                  <span className="block text-xs text-muted-foreground">{b.studioName}</span>
                </TableCell>
                {!mine ? <TableCell>{b.creatorName ?? b.creatorEmail}</TableCell> : null}
                <TableCell>
                  <Badge className="capitalize">{b.status.replace("_", " ")}</Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatMoney((b.quote as Quote).totalCents, (b.quote as Quote).currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {when === "upcoming" ? <WaitlistSection member={member} now={now} /> : null}
    </div>
  );
}
