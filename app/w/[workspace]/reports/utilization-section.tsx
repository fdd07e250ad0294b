import { DoorOpen } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UtilizationReport } from "@/lib/billing/reports";
import { PercentBars } from "./charts";
import { hoursLabel, monthLabel, percentLabel } from "./report-format";

/** Utilization per room over the range (chart), then a table: each room's open and booked hours, and its percentage per month. */
export function UtilizationSection({ report }: { report: UtilizationReport }) {
  const rooms = report.totals.byRoom;
  if (rooms.length === 0) {
    return (
      <EmptyState title="No rooms to report on" icon={<DoorOpen />}>
        Rooms you set up appear here with how much of their opening hours was booked.
      </EmptyState>
    );
  }
  const bars = rooms.map((r) => ({
    key: r.roomId,
    label: `${r.roomName} · ${r.studioName}`,
    value: r.utilizationPercent,
    display: percentLabel(r.utilizationPercent),
  }));
  const summary = `Utilization per room, ${monthLabel(report.range.from)} to ${monthLabel(report.range.to)}: ${bars.map((b) => `${b.label} ${b.display}`).join(", ")}.`;
  return (
    <div className="grid gap-6">
      <PercentBars bars={bars} summary={summary} />
      <Table scrollLabel="Utilization by room and month, table">
        <caption className="sr-only">Utilization by room and month</caption>
        <TableHeader>
          <TableRow>
            <TableHead>Room</TableHead>
            <TableHead className="text-right">Open</TableHead>
            <TableHead className="text-right">Booked</TableHead>
            <TableHead className="text-right">Utilization</TableHead>
            {report.months.map((month) => (
              <TableHead key={month} className="whitespace-nowrap text-right">
                {monthLabel(month)}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rooms.map((room) => {
            const byMonth = new Map(report.rows.filter((r) => r.roomId === room.roomId).map((r) => [r.month, r]));
            return (
              <TableRow key={room.roomId}>
                <th scope="row" className="min-w-40 p-3 text-left font-medium">
                  {room.roomName}{" "}
                  <span className="block text-xs font-normal text-muted-foreground">{room.studioName}</span>
                </th>
                <TableCell className="whitespace-nowrap text-right tabular-nums">
                  {hoursLabel(room.openMinutes)}
                </TableCell>
                <TableCell className="whitespace-nowrap text-right tabular-nums">
                  {hoursLabel(room.bookedMinutes)}
                </TableCell>
                <TableCell className="whitespace-nowrap text-right font-semibold tabular-nums">
                  {percentLabel(room.utilizationPercent)}
                </TableCell>
                {report.months.map((month) => {
                  const m = byMonth.get(month);
                  return (
                    <TableCell
                      key={month}
                      className="whitespace-nowrap text-right tabular-nums"
                      title={m ? `${hoursLabel(m.bookedMinutes)} of ${hoursLabel(m.openMinutes)}` : undefined}
                    >
                      {percentLabel(m?.utilizationPercent ?? null)}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
