"use client";
import { cn } from "@/components/ui";
import { escalationOf, type EscalationSettings } from "@/lib/verifications/escalation";
import type { QueueItem } from "@/lib/verifications/types";
import { RowCountdown } from "./queue-row-countdown";
import { RowSnapshots } from "./queue-row-snapshots";
import { RowSummary } from "./queue-row-summary";
import { rowId } from "./use-queue-keys";
import { siteLabel } from "@/lib/site-label";

const URGENCY_BORDER = { normal: "border-slate-200", amber: "border-amber-400", red: "border-red-500" } as const;

/** One alarm of the queue: an option of the listbox, with no control inside it. */
export function QueueRow(props: {
  item: QueueItem;
  now: number;
  escalation: EscalationSettings;
  selected: boolean;
  onSelect: () => void;
  onOpen: () => void;
}) {
  const { item, now, selected } = props;
  const left = Date.parse(item.expiresAt) - now;
  const esc = escalationOf(item, now, props.escalation);
  const site = siteLabel(item.siteId, item.siteName);
  return (
    <li
      id={rowId(item.id)}
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      data-testid="verification-row"
      data-verification-id={item.id}
      data-priority={item.priority ?? ""}
      data-urgency={esc.urgency}
      data-escalated={esc.escalated ? "true" : "false"}
      onClick={props.onSelect}
      onDoubleClick={props.onOpen}
      onFocus={props.onSelect}
      className={cn(
        // The scroll margin clears the sticky header (4rem) and the toolbar below it (about 3rem, two
        // lines on a phone) with room to spare: keys and links scroll a row into view below them.
        "flex cursor-default scroll-mt-44 flex-col gap-3 rounded-lg border bg-white p-4 shadow-sm outline-none " +
          "sm:scroll-mt-32 sm:flex-row sm:items-start",
        selected
          ? "border-indigo-500 ring-2 ring-indigo-500/30 focus-visible:ring-indigo-600"
          : URGENCY_BORDER[esc.urgency],
        esc.urgency !== "normal" && "border-l-8",
        esc.urgency === "red" && !selected && "border-l-red-600",
      )}
    >
      <RowCountdown left={left} esc={esc} />
      <RowSummary item={item} site={site} esc={esc} />
      <RowSnapshots snapshots={item.snapshots} site={site} />
    </li>
  );
}
