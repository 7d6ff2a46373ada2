"use client";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import {
  escalationOf,
  newlyEscalated,
  summarizeEscalations,
  type EscalationSettings,
} from "@/lib/verifications/escalation";
import type { QueueItem } from "@/lib/verifications/types";
import { alarmSound, notify } from "./alerts";
import { siteLabel } from "@/lib/site-label";

/**
 * What is escalated now (for the admins' banner), and each item's one escalation: a spoken line, and
 * the loud sound and a desktop notification when alerts are on. Its own live region, so it never cuts
 * off a new alarm's announcement.
 */
export function useEscalationAlerts(
  items: QueueItem[],
  now: number,
  settings: EscalationSettings,
  alertsOn: RefObject<boolean>,
) {
  const escalated = useMemo(() => summarizeEscalations(items, now, settings), [items, now, settings]);
  const [said, setSaid] = useState("");
  const seen = useRef(new Set<string>());
  useEffect(() => {
    const fresh = newlyEscalated(escalated.ids, seen.current);
    if (!fresh.length) return;
    for (const id of fresh) seen.current.add(id);
    const first = items.find((i) => i.id === fresh[0]);
    if (!first) return;
    const why = escalationOf(first, now, settings).reason;
    const site = siteLabel(first.siteId, first.siteName);
    setSaid(`Escalated: ${site}, ${why.toLowerCase()}${fresh.length > 1 ? `, and ${fresh.length - 1} more` : ""}`);
    if (!alertsOn.current) return;
    alarmSound();
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : "";
    notify("Alarm escalated", `${site}: ${why}${more}`, `escalated-${first.id}`);
  }, [escalated, items, now, settings, alertsOn]);
  return { escalated, said };
}
