"use client";
import { useState } from "react";
import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/action-state";
import { MAX_RANGES_PER_DAY, WEEK_ORDER, WEEKDAYS } from "@/lib/studios/opening-hours";

type Range = { weekday: number; opens: string; closes: string };
type Row = Range & { key: number };

/** The ranges as last sent (after an error: exactly what was typed), else as stored. */
function initialRows(hours: Range[], values: Record<string, string> | undefined): Row[] {
  let ranges = hours;
  if (values) {
    ranges = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      const opens = values[`opens-${weekday}`]?.split(",") ?? [];
      const closes = values[`closes-${weekday}`]?.split(",") ?? [];
      opens.forEach((o, i) => ranges.push({ weekday, opens: o, closes: closes[i] ?? "" }));
    }
  }
  return ranges.map((r, key) => ({ ...r, key }));
}

/**
 * Weekly opening hours: per weekday, any number of ranges (up to a few), each a pair of times. Sent as the lists
 * `opens-<weekday>` and `closes-<weekday>`; a weekday without a range is closed.
 */
export function HoursEditor({ hours, state, idPrefix }: { hours: Range[]; state: ActionState; idPrefix: string }) {
  const [rows, setRows] = useState(() => initialRows(hours, state.values));
  const [next, setNext] = useState(rows.length);
  const errors = state.fieldErrors?.openingHours;
  const set = (key: number, patch: Partial<Range>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (weekday: number) => {
    setRows((all) => [...all, { key: next, weekday, opens: "09:00", closes: "17:00" }]);
    setNext((n) => n + 1);
  };
  return (
    <fieldset
      className="grid gap-3"
      aria-describedby={`${idPrefix}-hours-hint${errors ? ` ${idPrefix}-hours-error` : ""}`}
    >
      <legend className="mb-1 text-sm font-medium">Opening hours</legend>
      <p id={`${idPrefix}-hours-hint`} className="text-xs text-muted-foreground">
        On the studio&apos;s clock. A range that closes at or before it opens runs past midnight (18:00–02:00); the same
        time twice means open 24 hours. A day without a range is closed.
      </p>
      {errors ? (
        <p id={`${idPrefix}-hours-error`} className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
      <ul className="grid gap-2">
        {WEEK_ORDER.map((weekday) => {
          const day = WEEKDAYS[weekday];
          const mine = rows.filter((r) => r.weekday === weekday);
          return (
            <li
              key={weekday}
              className="grid gap-2 rounded-md border border-border p-3 sm:grid-cols-[7rem_1fr] sm:items-start"
            >
              <p className="pt-2 text-sm font-medium">{day}</p>
              <div className="grid gap-2">
                {mine.length === 0 ? <p className="text-sm text-muted-foreground">Closed</p> : null}
                {mine.map((r, i) => {
                  const which = `${day}${mine.length > 1 ? ` range ${i + 1}` : ""}`;
                  return (
                    <div key={r.key} className="flex flex-wrap items-end gap-2">
                      <label className="grid gap-1 text-xs text-muted-foreground">
                        <span>
                          <span className="sr-only">{which} </span>opens
                        </span>
                        <Input
                          type="time"
                          step={60}
                          name={`opens-${weekday}`}
                          value={r.opens}
                          onChange={(e) => set(r.key, { opens: e.target.value })}
                          className="w-32"
                        />
                      </label>
                      <label className="grid gap-1 text-xs text-muted-foreground">
                        <span>
                          <span className="sr-only">{which} </span>closes
                        </span>
                        <Input
                          type="time"
                          step={60}
                          name={`closes-${weekday}`}
                          value={r.closes}
                          onChange={(e) => set(r.key, { closes: e.target.value })}
                          className="w-32"
                        />
                      </label>
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon"
                        aria-label={`Remove ${which}`}
                        onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                      >
                        <X aria-hidden />
                      </Button>
                    </div>
                  );
                })}
                {mine.length < MAX_RANGES_PER_DAY ? (
                  <Button
                    type="button"
                    variant="outline"
                    size="sm"
                    className="justify-self-start"
                    onClick={() => add(weekday)}
                  >
                    <Plus aria-hidden /> {mine.length === 0 ? "Open" : "Add a range"}
                    <span className="sr-only"> on {day}</span>
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
