"use client";
import { useEffect, useState } from "react";

/** The desk's clock, injected so tests (and Playwright's page.clock) decide what "now" is. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

/** `clock()` again every `everyMs`: what the countdowns and escalations are drawn from. */
export function useNow(everyMs: number, clock: Clock = systemClock) {
  const [now, setNow] = useState(() => clock());
  useEffect(() => {
    const t = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(t);
  }, [everyMs, clock]);
  return now;
}
