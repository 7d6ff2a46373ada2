"use client";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Bell, BellOff, Camera, Hand, MapPin, Radio, ShieldAlert } from "lucide-react";
import { Badge, Button, EmptyState, cn } from "@/components/ui";
import { toOutcome } from "@/components/forms/action-result";
import { claimVerification } from "@/app/(console)/verifications/actions";
import type { QueueItem } from "@/lib/verifications/types";
import { alertsSupported, beep, enableAlerts, notify } from "./alerts";
import { countdown, siteTime } from "./format";
import { QUEUE_KEY, useLiveQueue } from "./use-live-queue";
import { VerificationDetail, type Intent } from "./detail";
import { SnapshotImg } from "./snapshot-img";

export type Me = { id: string; name: string };

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));
}

export function VerificationQueue({ me, canAnswer }: { me: Me; canAnswer: boolean }) {
  const queryClient = useQueryClient();
  const [alertsOn, setAlertsOn] = useState(false);
  // Known only in the browser; rendering it on the server would break hydration.
  const [canAlert, setCanAlert] = useState(false);
  useEffect(() => setCanAlert(alertsSupported()), []);
  const alertsRef = useRef(alertsOn);
  alertsRef.current = alertsOn;
  const onNew = useCallback((item: QueueItem) => {
    if (!alertsRef.current) return;
    beep();
    notify("New alarm to verify", [item.siteName ?? `Site ${item.siteId}`, item.description].filter(Boolean).join(" — "), item.id);
  }, []);
  const { data, status, error, isLoading } = useLiveQueue({ onNew });
  const now = useNow(1000);

  // Items leave by themselves when their countdown ends, whatever the server has said yet.
  const items = useMemo(
    () => (data ?? []).filter((i) => Date.parse(i.expiresAt) > now).sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt)),
    [data, now],
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [intent, setIntent] = useState<Intent>(null);
  const [claiming, setClaiming] = useState<string | null>(null);
  const selected = items.find((i) => i.id === selectedId) ?? items[0] ?? null;
  const opened = openId ? (data ?? []).find((i) => i.id === openId) ?? null : null;

  useEffect(() => {
    const base = "Verifications · CHeKT console";
    document.title = items.length ? `(${items.length}) ${base}` : base;
    return () => {
      document.title = "CHeKT console";
    };
  }, [items.length]);

  // The opened item left the queue (answered elsewhere, expired, cancelled): close and say why.
  const wasOpen = useRef<string | null>(null);
  useEffect(() => {
    if (openId && !items.some((i) => i.id === openId) && wasOpen.current === openId) {
      toast.info("That verification left the queue (answered, expired or cancelled).");
      setOpenId(null);
      setIntent(null);
    }
    wasOpen.current = openId && items.some((i) => i.id === openId) ? openId : wasOpen.current;
  }, [items, openId]);

  const claim = useCallback(
    async (item: QueueItem) => {
      if (!canAnswer) return;
      setClaiming(item.id);
      try {
        const outcome = toOutcome(await claimVerification({ id: item.id }));
        if (!outcome.ok) {
          toast.error(outcome.failure.message);
          return;
        }
        queryClient.setQueryData<QueueItem[]>(QUEUE_KEY, (list) =>
          (list ?? []).map((i) => (i.id === item.id ? { ...i, state: "claimed", claimedById: me.id, claimedByName: me.name } : i)),
        );
      } catch {
        toast.error("We could not reach the server; the claim was not made.");
      } finally {
        setClaiming(null);
      }
    },
    [canAnswer, me.id, me.name, queryClient],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || openId) return;
      if (!items.length) return;
      const idx = Math.max(0, items.findIndex((i) => i.id === selected?.id));
      if (e.key === "j" || e.key === "ArrowDown") {
        setSelectedId(items[Math.min(items.length - 1, idx + 1)].id);
      } else if (e.key === "k" || e.key === "ArrowUp") {
        setSelectedId(items[Math.max(0, idx - 1)].id);
      } else if (e.key === "Enter" && selected) {
        setOpenId(selected.id);
        setIntent(null);
      } else if (e.key === "c" && selected) {
        void claim(selected);
      } else if ((e.key === "d" || e.key === "x") && selected && canAnswer) {
        setOpenId(selected.id);
        setIntent(e.key === "d" ? "dispatch" : "disregard");
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, selected, openId, claim, canAnswer]);

  useEffect(() => {
    if (selected) document.getElementById(`verif-${selected.id}`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3 text-sm text-slate-600">
          <LiveBadge status={status} />
          <span data-testid="pending-count">
            {items.length} open {items.length === 1 ? "verification" : "verifications"}
          </span>
        </div>
        <div className="flex items-center gap-2">
          <span className="hidden text-xs text-slate-500 md:inline">
            <Kbd>j</Kbd>/<Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>c</Kbd> claim · <Kbd>d</Kbd> dispatch ·{" "}
            <Kbd>x</Kbd> disregard
          </span>
          {canAlert ? (
            <Button
              variant="secondary"
              size="sm"
              icon={alertsOn ? <Bell className="h-4 w-4" /> : <BellOff className="h-4 w-4" />}
              onClick={async () => {
                if (alertsOn) return setAlertsOn(false);
                const permission = await enableAlerts();
                setAlertsOn(true);
                beep();
                toast.success(permission === "granted" ? "Sound and desktop notifications are on." : "Sound is on. Desktop notifications were not allowed by the browser.");
              }}
            >
              {alertsOn ? "Alerts on" : "Turn on alerts"}
            </Button>
          ) : null}
        </div>
      </div>

      {error && !data ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {(error as Error).message}
        </div>
      ) : isLoading && !data ? (
        <p className="text-sm text-slate-500">Loading the queue…</p>
      ) : items.length === 0 ? (
        <EmptyState icon={<ShieldAlert className="h-8 w-8" />} title="Nothing to verify" description="New alarms appear here the moment CHeKT asks for a verification." />
      ) : (
        <ul role="listbox" aria-label="Open verifications" className="space-y-3" data-testid="verification-queue">
          {items.map((item) => (
            <QueueRow
              key={item.id}
              item={item}
              now={now}
              me={me}
              selected={item.id === selected?.id}
              canAnswer={canAnswer}
              claiming={claiming === item.id}
              onSelect={() => setSelectedId(item.id)}
              onOpen={(i: Intent = null) => {
                setSelectedId(item.id);
                setOpenId(item.id);
                setIntent(i);
              }}
              onClaim={() => void claim(item)}
            />
          ))}
        </ul>
      )}

      {opened ? (
        <VerificationDetail
          item={opened}
          me={me}
          canAnswer={canAnswer}
          intent={intent}
          onIntent={setIntent}
          onClaim={() => claim(opened)}
          claiming={claiming === opened.id}
          onClose={() => {
            setOpenId(null);
            setIntent(null);
          }}
          onAnswered={(id) => {
            queryClient.setQueryData<QueueItem[]>(QUEUE_KEY, (list) => (list ?? []).filter((i) => i.id !== id));
            setOpenId(null);
            setIntent(null);
          }}
        />
      ) : null}
    </div>
  );
}

function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-700">{children}</kbd>;
}

function LiveBadge({ status }: { status: "connecting" | "live" | "reconnecting" }) {
  if (status === "live")
    return (
      <Badge tone="success">
        <Radio className="mr-1 h-3 w-3" aria-hidden="true" /> Live
      </Badge>
    );
  return <Badge tone="warning">{status === "connecting" ? "Connecting…" : "Reconnecting…"}</Badge>;
}

function QueueRow(props: {
  item: QueueItem;
  now: number;
  me: Me;
  selected: boolean;
  canAnswer: boolean;
  claiming: boolean;
  onSelect: () => void;
  onOpen: (intent?: Intent) => void;
  onClaim: () => void;
}) {
  const { item, now, me, selected, canAnswer, claiming } = props;
  const left = Date.parse(item.expiresAt) - now;
  const urgent = left < 60_000;
  const claimedByOther = item.state === "claimed" && item.claimedById !== me.id;
  const mine = item.state === "claimed" && item.claimedById === me.id;
  return (
    <li
      id={`verif-${item.id}`}
      role="option"
      aria-selected={selected}
      data-testid="verification-row"
      data-verification-id={item.id}
      onClick={props.onSelect}
      onDoubleClick={() => props.onOpen()}
      className={cn(
        "flex flex-col gap-3 rounded-lg border bg-white p-4 shadow-sm sm:flex-row sm:items-start",
        selected ? "border-indigo-500 ring-2 ring-indigo-500/30" : "border-slate-200",
      )}
    >
      <div className="flex w-24 shrink-0 flex-col items-start gap-1">
        <span
          data-testid="countdown"
          aria-label={`Expires in ${countdown(left)}`}
          className={cn("font-mono text-2xl font-semibold tabular-nums", urgent ? "text-red-600" : "text-slate-900")}
        >
          {countdown(left)}
        </span>
        <span className="text-xs text-slate-500">left to answer</span>
      </div>

      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className="truncate text-left font-semibold text-slate-900 hover:underline" onClick={() => props.onOpen()}>
            {item.siteName ?? `Site ${item.siteId}`}
          </button>
          {item.priority ? <Badge tone={item.priority === "high" || item.priority === "critical" ? "danger" : "neutral"}>{item.priority}</Badge> : null}
          {item.trigger ? <Badge tone="info">{item.trigger}</Badge> : null}
          {claimedByOther ? (
            <Badge tone="warning">
              <span data-testid="claimed-by">Claimed by {item.claimedByName ?? "another operator"}</span>
            </Badge>
          ) : mine ? (
            <Badge tone="success">Claimed by you</Badge>
          ) : null}
        </div>
        <p className="text-sm text-slate-800">{item.description ?? "Alarm"}</p>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
          <span title="Time at the site">Site time {siteTime(item.occurredAt, item.siteTimezone)}</span>
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
          <div className="flex h-16 w-24 items-center justify-center rounded bg-slate-100 text-slate-400" title="No snapshot yet">
            <Camera className="h-5 w-5" aria-hidden="true" />
          </div>
        ) : (
          item.snapshots.slice(0, 3).map((s) => (
            <button key={s.id} type="button" onClick={() => props.onOpen()} className="overflow-hidden rounded ring-1 ring-slate-200 hover:ring-indigo-400" aria-label="Open snapshot large">
              <SnapshotImg id={s.id} alt="Snapshot" testId="snapshot-thumb" className="h-16 w-24 object-cover" />
            </button>
          ))
        )}
      </div>

      {canAnswer ? (
        <div className="flex shrink-0 flex-row gap-2 sm:flex-col">
          {!mine && !claimedByOther ? (
            <Button size="sm" variant="secondary" icon={<Hand className="h-4 w-4" />} onClick={props.onClaim} pending={claiming} pendingText="Claiming…">
              Claim
            </Button>
          ) : null}
          <Button size="sm" variant="danger" disabled={claimedByOther} onClick={() => props.onOpen("dispatch")}>
            Dispatch
          </Button>
          <Button size="sm" variant="secondary" disabled={claimedByOther} onClick={() => props.onOpen("disregard")}>
            Disregard
          </Button>
        </div>
      ) : null}
    </li>
  );
}
