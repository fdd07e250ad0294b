"use client";
import { useEffect, useState } from "react";

/**
 * The server's clock, ticking in the browser every `everyMs`: the time the page was rendered with (`serverNow`,
 * ISO) moved on by the browser's elapsed time. A visitor whose computer clock is wrong still sees the studio's
 * time, and what the screen shows (an overtime estimate, a hold's countdown, the now-line) agrees with what the
 * server will decide.
 */
export function useServerClock(serverNow: string, everyMs: number): number {
  const [skew] = useState(() => Date.parse(serverNow) - Date.now());
  const [t, setT] = useState(() => Date.parse(serverNow));
  useEffect(() => {
    const tick = () => setT(Date.now() + skew);
    const timer = setInterval(tick, everyMs);
    return () => clearInterval(timer);
  }, [skew, everyMs]);
  return t;
}
