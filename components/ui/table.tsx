import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * `keyColumn`: the first column (what a row is: the booking's time, the item, the shipment's code) stays in view
 * while the rest of a wide table scrolls under it, so a phone never shows a row's figures without saying whose.
 */
const KEY_COLUMN =
  "[&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-10 [&_tr>*:first-child]:bg-card [&_tr>*:first-child]:shadow-[1px_0_0_var(--border)]";

/**
 * A table that scrolls sideways inside its own box when it is wider than the screen. Give a wide table a
 * `scrollLabel`: its box then becomes a named region that takes keyboard focus, so it can be scrolled without a
 * mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function Table({
  className,
  scrollLabel,
  keyColumn,
  ...props
}: ComponentProps<"table"> & { scrollLabel?: string; keyColumn?: boolean }) {
  const scroller = scrollLabel ? { role: "region", "aria-label": scrollLabel, tabIndex: 0 } : {};
  return (
    // relative: text for screen readers only (sr-only is absolutely positioned) stays inside the scrolling box;
    // without it, such text in a column scrolled out of view widened the whole page on a phone.
    <div
      className="relative w-full overflow-x-auto focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      {...scroller}
    >
      <table className={cn("w-full caption-bottom text-sm", keyColumn && KEY_COLUMN, className)} {...props} />
    </div>
  );
}
export const TableHeader = (p: ComponentProps<"thead">) => (
  <thead {...p} className={cn("[&_tr]:border-b", p.className)} />
);
export const TableBody = (p: ComponentProps<"tbody">) => (
  <tbody {...p} className={cn("[&_tr:last-child]:border-0", p.className)} />
);
export const TableRow = (p: ComponentProps<"tr">) => (
  <tr {...p} className={cn("border-b border-border", p.className)} />
);
export const TableHead = (p: ComponentProps<"th">) => (
  <th
    scope="col"
    {...p}
    className={cn("h-10 px-3 text-left align-middle font-medium text-muted-foreground", p.className)}
  />
);
export const TableCell = (p: ComponentProps<"td">) => <td {...p} className={cn("p-3 align-middle", p.className)} />;
