"use client";
import { AlertTriangle } from "lucide-react";
import { escalationOf, type EscalationSettings, type EscalationSummary } from "@/lib/verifications/escalation";
import type { QueueItem } from "@/lib/verifications/types";
import { focusRow, rowId } from "./use-queue-keys";
import { siteLabel } from "@/lib/site-label";

/** The banner links to this many escalated alarms by name (queue order), then counts the rest. */
const BANNER_LINKS = 12;

/**
 * The admins' banner: what is escalated now, each a link that selects and focuses its row. Not a live
 * region: each escalation is spoken once, by the queue's escalation announcer (use-escalation-alerts.ts),
 * which speaks for operators too, who get no banner.
 */
export function EscalationBanner(props: {
  escalated: EscalationSummary;
  items: QueueItem[];
  now: number;
  settings: EscalationSettings;
  onSelect: (id: string) => void;
}) {
  const { escalated, items, now, settings } = props;
  if (!escalated.message) return null;
  return (
    <div
      role="region"
      aria-label="Escalated alarms"
      data-testid="escalation-banner"
      className="mb-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
    >
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangle className="h-4 w-4" aria-hidden="true" />
        {escalated.message}
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {escalated.ids.slice(0, BANNER_LINKS).map((id) => {
          const item = items.find((i) => i.id === id);
          if (!item) return null;
          return (
            <li key={id}>
              <a
                href={`#${rowId(id)}`}
                className="underline hover:text-red-950"
                onClick={(e) => {
                  e.preventDefault();
                  props.onSelect(id);
                  focusRow(id);
                }}
              >
                {siteLabel(item.siteId, item.siteName)} — {escalationOf(item, now, settings).reason.toLowerCase()}
              </a>
            </li>
          );
        })}
        {escalated.ids.length > BANNER_LINKS ? (
          <li>and {escalated.ids.length - BANNER_LINKS} more in the queue below</li>
        ) : null}
      </ul>
    </div>
  );
}
