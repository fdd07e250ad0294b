import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { formatMoney } from "@/lib/format";
import { nightLabel, nightsLabel } from "@/lib/storage/nights";
import type { storageBoard } from "@/lib/storage/board";

type Board = NonNullable<Awaited<ReturnType<typeof storageBoard>>>;
type Occupant = Board["units"][number]["reservations"][number];
type Cell = { occupant: Occupant; overrun: boolean } | null;

/**
 * Who is in a unit on a night: the reservation whose nights include it, or else goods still there from an overdue
 * one (they keep the unit from being reserved until they are collected, so every later night shows them).
 */
function cellFor(reservations: Occupant[], night: string): Cell {
  const reserved = reservations.find((r) => r.reservation.firstNight <= night && night <= r.reservation.lastNight);
  if (reserved) return { occupant: reserved, overrun: false };
  const left = reservations.find((r) => r.overdue && r.reservation.lastNight < night);
  return left ? { occupant: left, overrun: true } : null;
}

function describe(cell: Exclude<Cell, null>) {
  const { occupant, overrun } = cell;
  if (overrun) return { status: "Overdue: goods not collected", tone: "bg-destructive/10 text-destructive" };
  if (occupant.overdue) return { status: "Goods in · overdue", tone: "bg-destructive/10 text-destructive" };
  if (occupant.reservation.status === "active") return { status: "Goods in", tone: "bg-success/10" };
  if (occupant.reservation.status === "ended") return { status: "Collected", tone: "bg-muted/60" };
  return { status: "Reserved", tone: "bg-secondary" };
}

/** Units × nights: every cell says who is in the unit that night and how things stand, in words (never colour alone). */
export function BoardGrid({ board, currency }: { board: Board; currency: string }) {
  const caption = `Storage units of ${board.studio.name}, nights of ${nightsLabel(board.nights[0], board.nights.at(-1)!)}`;
  const year = board.today.slice(0, 4);
  return (
    <Table scrollLabel={caption} className="min-w-[64rem] table-fixed border-separate border-spacing-0">
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead className="sticky left-0 z-10 w-32 border-b border-border bg-background">Unit</TableHead>
          {board.nights.map((n) => (
            <TableHead
              key={n}
              className={cn(
                "w-24 border-b border-border px-2 text-xs leading-tight",
                n === board.today && "text-foreground",
              )}
            >
              {nightLabel(n, year)}
              {n === board.today ? <span className="block font-semibold">Tonight</span> : null}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {board.units.map(({ unit, reservations }) => (
          <TableRow key={unit.id} className="border-0">
            <th
              scope="row"
              className="sticky left-0 z-10 border-b border-border bg-background p-2 text-left align-top font-medium"
            >
              Unit {unit.code}
              <span className="block text-xs font-normal text-muted-foreground">
                {unit.size} · {formatMoney(unit.nightlyRateCents, currency)}
                {unit.active ? "" : " · not offered"}
              </span>
            </th>
            {board.nights.map((n) => {
              const cell = cellFor(reservations, n);
              if (!cell) {
                return (
                  <td key={n} className="border-b border-l border-border p-2 align-top text-xs text-muted-foreground">
                    Free
                  </td>
                );
              }
              const { status, tone } = describe(cell);
              return (
                <td key={n} className={cn("border-b border-l border-border p-2 align-top text-xs", tone)}>
                  <span className="block break-words font-medium">
                    {cell.occupant.creatorName ?? cell.occupant.creatorEmail}
                  </span>
                  <span className="block">{status}</span>
                </td>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
