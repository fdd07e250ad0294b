"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useServerClock } from "@/components/use-server-clock";
import { clockTime } from "@/lib/operations/floor-time";

/**
 * Whether the person at the screen is in the middle of typing: the focus is in a form, and something in that form
 * differs from what the page rendered. A refresh then waits, so nothing typed is lost or jumps under the cursor.
 * The scan box waiting empty for the next scan does not count, or the desk's sheet would never update.
 */
function typing(): boolean {
  const form = document.activeElement?.closest("form");
  if (!form) return false;
  return Array.from(form.elements).some((el) => {
    if (el instanceof HTMLSelectElement) return Array.from(el.options).some((o) => o.selected !== o.defaultSelected);
    if (el instanceof HTMLTextAreaElement) return el.value !== el.defaultValue;
    if (el instanceof HTMLInputElement && el.type !== "hidden") return el.value !== el.defaultValue;
    return false;
  });
}

/** Re-renders the page from the server every `seconds` (the floor changes while the sheet is on screen). */
export function AutoRefresh({ seconds = 30 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.hidden || typing()) return;
      router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}

/**
 * The red line at the current time across the timeline, moved every 30 s between the page's own refreshes. The
 * parent keys it by the server's "now", so a refresh starts it from the server's clock again.
 */
export function NowLine({ start, end, now, timeZone }: { start: string; end: string; now: string; timeZone: string }) {
  const t = useServerClock(now, 30_000);
  const line = useRef<HTMLDivElement>(null);
  const from = Date.parse(start);
  const to = Date.parse(end);
  const shown = !(t < from || t > to || to <= from);
  // The sheet opens scrolled to now (once): on a phone the hours run far off to the right.
  useEffect(() => {
    const box = line.current?.closest<HTMLElement>("[data-timeline-scroll]");
    if (!box || !line.current) return;
    const x = line.current.getBoundingClientRect().left - box.getBoundingClientRect().left + box.scrollLeft;
    // The room names stay put at the left (sticky) over the hours: now goes a third of the way into what is left.
    const names = (line.current.offsetParent as HTMLElement | null)?.offsetLeft ?? 0;
    box.scrollLeft = Math.max(0, x - names - (box.clientWidth - names) / 3);
  }, [shown]);
  if (!shown) return null;
  return (
    <div
      ref={line}
      className="absolute inset-y-0 w-0.5 bg-destructive"
      style={{ left: `${((t - from) / (to - from)) * 100}%` }}
      data-testid="now-line"
    >
      {/* Below the hour marks, in the header row: never over a session's block. */}
      <span className="absolute -top-7 left-1 whitespace-nowrap rounded bg-destructive px-1 text-[11px] font-medium text-destructive-foreground">
        Now {clockTime(new Date(t), timeZone)}
      </span>
    </div>
  );
}
