export type Bar = { key: string; label: string; value: number; display: string };

/**
 * Columns, one per bar (months), drawn with CSS on the server. Screen readers get `summary` (role="img"); the
 * same figures are in the table that follows each chart. Negative values (a month of credits) draw no column.
 */
export function ColumnChart({ bars, summary, scrollLabel }: { bars: Bar[]; summary: string; scrollLabel: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  return (
    // Many months on a phone scroll sideways: the box takes keyboard focus so it can be scrolled without a mouse.
    <div
      role="region"
      aria-label={scrollLabel}
      tabIndex={0}
      className="overflow-x-auto focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <div
        role="img"
        aria-label={summary}
        className="flex h-52 min-w-fit items-stretch gap-1 border-b border-border pb-1"
      >
        {bars.map((b) => (
          <div key={b.key} className="flex w-10 min-w-14 max-w-24 flex-1 flex-col items-center gap-1">
            <div className="relative w-full flex-1" title={`${b.label}: ${b.display}`}>
              <div
                className="absolute inset-x-1 bottom-0 rounded-t bg-primary"
                style={{ height: `${max > 0 ? (Math.max(0, b.value) / max) * 100 : 0}%` }}
              />
            </div>
            <span className="whitespace-nowrap text-[11px] text-muted-foreground">{b.label}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Horizontal bars on a fixed 0–100 scale (percentages), one per row, labelled on the left. */
export function PercentBars({
  bars,
  summary,
}: {
  bars: (Omit<Bar, "value"> & { value: number | null })[];
  summary: string;
}) {
  return (
    <div role="img" aria-label={summary} className="grid gap-2">
      {bars.map((b) => (
        <div
          key={b.key}
          className="grid grid-cols-[minmax(0,9rem)_1fr_4rem] items-center gap-2 text-sm sm:grid-cols-[minmax(0,14rem)_1fr_4.5rem]"
        >
          <span className="truncate">{b.label}</span>
          <span className="h-3 overflow-hidden rounded-full bg-muted">
            <span
              className="block h-full rounded-full bg-primary"
              style={{ width: `${Math.min(100, Math.max(0, b.value ?? 0))}%` }}
            />
          </span>
          <span className="text-right tabular-nums">{b.display}</span>
        </div>
      ))}
    </div>
  );
}
