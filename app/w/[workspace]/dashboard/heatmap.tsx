import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";

export type HeatRow = { room: { id: string; name: string }; hours: { hour: number; percent: number }[] };

/**
 * Shades of one colour, lightest to darkest, each with a text colour that keeps AA contrast on it in both themes
 * (the percentage is always printed in the cell: the shade only repeats it).
 */
const STEPS = [
  { min: 75, cell: "bg-primary text-primary-foreground", label: "75 % or more" },
  { min: 50, cell: "bg-primary/70 text-primary-foreground", label: "50–74 %" },
  { min: 30, cell: "bg-primary/45 text-foreground", label: "30–49 %" },
  { min: 10, cell: "bg-primary/25 text-foreground", label: "10–29 %" },
  { min: 0.05, cell: "bg-primary/10 text-foreground", label: "under 10 %" },
  { min: 0, cell: "text-muted-foreground", label: "none" },
] as const;

const shade = (percent: number) => STEPS.find((s) => percent >= s.min) ?? STEPS[STEPS.length - 1];
const shown = (percent: number) => (percent > 0 && percent < 1 ? "<1%" : `${Math.round(percent)}%`);

/**
 * Utilization by room and hour of the day as a real table: a screen reader reads each cell with its room and
 * hour, and a phone scrolls it sideways inside its own box.
 */
export function Heatmap({ rows, caption }: { rows: HeatRow[]; caption: string }) {
  return (
    <div className="grid min-w-0 gap-3">
      <Table
        scrollLabel={`${caption} (scrolls sideways)`}
        className="w-auto border-separate border-spacing-0.5 text-xs"
      >
        <caption className="sr-only">{caption}</caption>
        <TableHeader>
          <TableRow className="border-0">
            <TableHead className="sticky left-0 z-10 h-8 bg-card px-2">Room</TableHead>
            {Array.from({ length: 24 }, (_, hour) => (
              // Named "14:00" for screen readers by aria-label, not by a visually hidden span: that is absolutely
              // positioned, and would escape the scrolling box and widen the page on a phone.
              <TableHead
                key={hour}
                aria-label={`${String(hour).padStart(2, "0")}:00`}
                className="h-8 min-w-11 px-0 text-center font-normal tabular-nums"
              >
                {String(hour).padStart(2, "0")}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.room.id} className="border-0">
              <th
                scope="row"
                className="sticky left-0 z-10 whitespace-nowrap bg-card px-2 text-left text-sm font-medium"
              >
                {r.room.name}
              </th>
              {r.hours.map((h) => (
                <TableCell
                  key={h.hour}
                  className={cn("h-9 rounded-sm p-0 text-center tabular-nums", shade(h.percent).cell)}
                >
                  {shown(h.percent)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ul aria-label="Key" className="flex flex-wrap gap-3 text-xs">
        {STEPS.map((s) => (
          <li key={s.label} className="flex items-center gap-1">
            <span aria-hidden className={cn("inline-block size-4 rounded-sm border border-border", s.cell)} />
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
