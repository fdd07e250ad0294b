import type { Metadata } from "next";
import { Building2, Clock } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { formatDuration, formatDurationRange, formatMoney, plural } from "@/lib/format";
import { timeZoneLabel } from "@/lib/studios/local-time";
import { dayHoursLabel } from "@/lib/studios/opening-hours";
import { listStudios } from "@/lib/studios/list-studios";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Studios" };

export default async function StudiosPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requireMember({ workspace, permission: "studios.view" });
  const list = await listStudios(getDb(), member);
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">Studios</h1>
      {list.length === 0 ? (
        <EmptyState title="No studios yet" icon={<Building2 />}>
          {can(member, "studios.manage")
            ? "Studios and rooms you set up appear here."
            : "This workspace has not set up a studio yet."}
        </EmptyState>
      ) : (
        list.map((s) => (
          <Card key={s.id}>
            <CardHeader>
              <CardTitle>{s.name}</CardTitle>
              <CardDescription>
                {s.address} · times in {timeZoneLabel(s.timeZone)}
              </CardDescription>
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                <Clock className="size-3.5" aria-hidden />
                {s.openingHours.map((h) => (
                  <span key={`${h.weekday}-${h.opens}`}>{dayHoursLabel(h)}</span>
                ))}
              </p>
            </CardHeader>
            <CardContent>
              {s.rooms.length === 0 ? (
                <EmptyState title="No rooms in this studio yet" />
              ) : (
                <Table>
                  <caption className="sr-only">Rooms of {s.name}</caption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Room</TableHead>
                      <TableHead>Features</TableHead>
                      <TableHead className="text-right">Rate / hour</TableHead>
                      <TableHead className="text-right">Booking</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {s.rooms.map((r) => (
                      <TableRow key={r.id}>
                        <TableCell>
                          <span className="font-medium">{r.name}</span>
                          {!r.active ? <Badge className="ml-2">inactive</Badge> : null}
                          <span className="block text-xs text-muted-foreground">
                            up to {plural(r.capacity, "person")}
                          </span>
                        </TableCell>
                        <TableCell className="text-muted-foreground">{r.features.join(", ") || "—"}</TableCell>
                        <TableCell className="text-right tabular-nums">
                          {formatMoney(r.hourlyRateCents, s.currency)}
                        </TableCell>
                        <TableCell className="text-right text-xs text-muted-foreground">
                          {formatDurationRange(r.minMinutes, r.maxMinutes)}, every {formatDuration(r.stepMinutes)},{" "}
                          {formatDuration(r.bufferMinutes)} turnover
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        ))
      )}
    </div>
  );
}
