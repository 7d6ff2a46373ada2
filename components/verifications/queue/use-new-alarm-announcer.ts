"use client";
import { useCallback, useRef, useState, type RefObject } from "react";
import type { QueueItem } from "@/lib/verifications/types";
import { announcement } from "@/components/verifications/shared/format";
import { beep, notify } from "./alerts";
import { siteLabel } from "@/lib/site-label";

/**
 * Each new alarm: a beep and a desktop notification (alerts on) at once, and a spoken line for
 * screen readers. A verification can arrive a moment before its alarm's details (priority, trigger):
 * the spoken line waits up to 2 s for them (`catchUp` runs on every list change and tick), the sound
 * does not.
 */
export function useNewAlarmAnnouncer(clock: () => number, alertsOn: RefObject<boolean>) {
  const [said, setSaid] = useState("");
  const waiting = useRef(new Map<string, number>());
  const onNew = useCallback(
    (item: QueueItem) => {
      if (item.priority) setSaid(`New alarm: ${announcement(item, clock())}`);
      else waiting.current.set(item.id, clock() + 2_000);
      if (!alertsOn.current) return;
      beep();
      notify(
        "New alarm to verify",
        [siteLabel(item.siteId, item.siteName), item.description].filter(Boolean).join(" — "),
        item.id,
      );
    },
    [clock, alertsOn],
  );
  // The time is read here, not taken from the page's once-a-second tick: a tick up to a second (more on a
  // busy machine) older than the alarm would count its 9 minutes as "10 minutes".
  const catchUp = useCallback(
    (items: readonly QueueItem[]) => {
      const now = clock();
      for (const [id, until] of waiting.current) {
        const item = items.find((i) => i.id === id);
        if (!item) waiting.current.delete(id);
        else if (item.priority || now >= until) {
          waiting.current.delete(id);
          setSaid(`New alarm: ${announcement(item, now)}`);
        }
      }
    },
    [clock],
  );
  return { said, onNew, catchUp };
}
