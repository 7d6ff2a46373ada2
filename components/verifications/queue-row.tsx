"use client";
import { Camera, MapPin } from "lucide-react";
import { Badge, cn } from "@/components/ui";
import { escalationOf, type EscalationSettings } from "@/lib/verifications/escalation";
import type { QueueItem } from "@/lib/verifications/types";
import { countdown, siteTime } from "./format";
import { SnapshotImg } from "./snapshot-img";
import { rowId } from "./use-queue-keys";

const PRIORITY_TONE: Record<string, "danger" | "warning" | "neutral"> = {
  critical: "danger",
  high: "danger",
  medium: "warning",
};

const URGENCY_TEXT = { normal: "text-slate-900", amber: "text-amber-800", red: "text-red-700" } as const;
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
  const site = item.siteName ?? `Site ${item.siteId}`;
  const claimedByOther = item.state === "claimed" && !item.claimedByMe;
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
        "flex cursor-default flex-col gap-3 rounded-lg border bg-white p-4 shadow-sm outline-none " +
          "sm:flex-row sm:items-start",
        selected
          ? "border-indigo-500 ring-2 ring-indigo-500/30 focus-visible:ring-indigo-600"
          : URGENCY_BORDER[esc.urgency],
        esc.urgency !== "normal" && "border-l-8",
        esc.urgency === "red" && !selected && "border-l-red-600",
      )}
    >
      <div className="flex w-24 shrink-0 flex-col items-start gap-1">
        <span
          data-testid="countdown"
          className={cn("font-mono text-2xl font-semibold tabular-nums", URGENCY_TEXT[esc.urgency])}
        >
          {countdown(left)}
        </span>
        <span className="text-xs text-slate-600">left to answer</span>
        {esc.urgencyLabel ? (
          <span data-testid="urgency-label" className={cn("text-xs font-semibold", URGENCY_TEXT[esc.urgency])}>
            {esc.urgencyLabel}
          </span>
        ) : null}
      </div>

      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="truncate font-semibold text-slate-900">{site}</span>
          {item.priority ? <Badge tone={PRIORITY_TONE[item.priority] ?? "neutral"}>{item.priority}</Badge> : null}
          {item.trigger ? <Badge tone="info">{item.trigger}</Badge> : null}
          {esc.escalated ? (
            <Badge tone="danger">
              <span data-testid="escalated">Escalated: {esc.reason.toLowerCase()}</span>
            </Badge>
          ) : null}
          {claimedByOther ? (
            <Badge tone="warning">
              <span data-testid="claimed-by">Claimed by {item.claimedByName ?? "another operator"}</span>
            </Badge>
          ) : item.state === "claimed" ? (
            <Badge tone="success">Claimed by you</Badge>
          ) : null}
        </div>
        <p className="text-sm text-slate-800">{item.description ?? "Alarm"}</p>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
          <span>Site time {siteTime(item.occurredAt, item.siteTimezone)}</span>
          {item.zoneNumber ? <span>Zone {item.zoneNumber}</span> : null}
          {item.deviceId ? <span>Device {item.deviceId}</span> : null}
          {item.location ? (
            <span className="inline-flex items-center gap-1">
              <MapPin className="h-3 w-3" aria-hidden="true" />
              {item.location}
            </span>
          ) : null}
        </p>
      </div>

      <div className="flex shrink-0 gap-2">
        {item.snapshots.length === 0 ? (
          <div
            className={
              "flex h-16 w-24 flex-col items-center justify-center rounded bg-slate-100 text-xs text-slate-700"
            }
          >
            <Camera className="h-5 w-5" aria-hidden="true" />
            No snapshot yet
          </div>
        ) : (
          item.snapshots
            .slice(0, 3)
            .map((s, n) => (
              <SnapshotImg
                key={s.id}
                id={s.id}
                alt={`Snapshot ${n + 1} of ${site}`}
                testId="snapshot-thumb"
                className="h-16 w-24 rounded object-cover ring-1 ring-slate-200"
              />
            ))
        )}
      </div>
    </li>
  );
}
