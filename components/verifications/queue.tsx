"use client";
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from "react";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { AlertTriangle, Bell, BellOff, Camera, MapPin, Radio, ShieldAlert } from "lucide-react";
import { Badge, Button, EmptyState, cn } from "@/components/ui";
import { useHydrated } from "@/components/ui/use-hydrated";
import { toOutcome } from "@/components/forms/action-result";
import { claimVerification, takeOverVerification } from "@/actions/verifications";
import { applyLocal, applyRemove, sortQueue, type QueueSort, type QueueState } from "@/lib/verifications/merge";
import {
  escalationOf,
  newlyEscalated,
  summarizeEscalations,
  type EscalationSettings,
} from "@/lib/verifications/escalation";
import type { QueueItem } from "@/lib/verifications/types";
import {
  alarmSound,
  alertsSupported,
  beep,
  enableAlerts,
  notificationsGranted,
  notify,
  readAlertsPref,
  unlockAudio,
  writeAlertsPref,
} from "./alerts";
import { announcement, countdown, siteTime } from "./format";
import { updateQueue, useLiveQueue } from "./use-live-queue";
import { VerificationDetail, type Intent } from "./detail";
import { AnswerButton } from "./answer-button";
import { ClaimButton } from "./claim-button";
import { SnapshotImg } from "./snapshot-img";
import { errorText } from "@/lib/error-text";
import { plural } from "@/lib/plural";

export type Me = { id: string; name: string };

/** The queue's clock, injected so tests (and Playwright's page.clock) decide what "now" is. */
export type Clock = () => number;
const systemClock: Clock = () => Date.now();

function useNow(everyMs: number, clock: Clock) {
  const [now, setNow] = useState(() => clock());
  useEffect(() => {
    const t = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(t);
  }, [everyMs, clock]);
  return now;
}

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));
}

/** The banner links to this many escalated alarms by name (queue order), then counts the rest. */
const BANNER_LINKS = 12;

/** Alerts as this browser last left them: on if turned on (or allowed already), a prompt if never answered. */
function rememberedAlerts() {
  const pref = readAlertsPref();
  const on = pref === "on" || (pref === null && notificationsGranted());
  return { on, ask: pref === null && !on };
}

const PRIORITY_TONE: Record<string, "danger" | "warning" | "neutral"> = {
  critical: "danger",
  high: "danger",
  medium: "warning",
};

/**
 * The live queue. Accessibility: the rows form a listbox of options with no controls inside them
 * (roving tabindex: arrow keys, Home/End move focus and selection); the actions for the selected
 * row sit in a toolbar outside the list; each new alarm is announced through a polite live region.
 */
export function VerificationQueue(props: {
  me: Me;
  canAnswer: boolean;
  canTakeOver: boolean;
  sort: QueueSort;
  leaseSeconds: number;
  /** The dealer's N and M (lib/verifications/escalation-settings.ts). */
  escalation: EscalationSettings;
  /** The escalation banner is for the dealer's admins (issue 14); everyone gets colours and sound. */
  showEscalationBanner: boolean;
  clock?: Clock;
}) {
  const { me, canAnswer, canTakeOver, sort, leaseSeconds, escalation, showEscalationBanner } = props;
  const clock = props.clock ?? systemClock;
  const queryClient = useQueryClient();
  // Known only in the browser: the server (and hydration) render as if alerts were unsupported.
  const hydrated = useHydrated();
  const canAlert = hydrated && alertsSupported();
  // First visit (never answered): a clear prompt. Later visits: the remembered choice, or on by
  // default when the browser already allows notifications, until the user chooses again here;
  // audio starts at the first gesture.
  const [chosen, setAlerts] = useState<{ on: boolean; ask: boolean } | null>(null);
  const { on: alertsOn, ask: askAlerts } = chosen ?? (canAlert ? rememberedAlerts() : { on: false, ask: false });
  useEffect(() => {
    if (!alertsSupported() || readAlertsPref() === "off") return;
    const unlock = () => unlockAudio();
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);
  const turnOnAlerts = useCallback(async () => {
    const permission = await enableAlerts();
    writeAlertsPref("on");
    setAlerts({ on: true, ask: false });
    beep();
    toast.success(
      permission === "granted"
        ? "Sound and desktop notifications are on."
        : "Sound is on. Desktop notifications were not allowed by the browser.",
    );
  }, []);
  const alertsRef = useRef(alertsOn);
  useEffect(() => {
    alertsRef.current = alertsOn;
  }, [alertsOn]);
  const [announced, setAnnounced] = useState("");
  // Escalations have their own live region, so they never cut off a new alarm's announcement.
  const [escalationSaid, setEscalationSaid] = useState("");
  // A verification can arrive a moment before its alarm's details (priority, trigger): the spoken
  // announcement waits up to 2 s for them, the sound does not.
  const toAnnounce = useRef(new Map<string, number>());
  const onNew = useCallback(
    (item: QueueItem) => {
      if (item.priority) setAnnounced(`New alarm: ${announcement(item, clock())}`);
      else toAnnounce.current.set(item.id, clock() + 2_000);
      if (!alertsRef.current) return;
      beep();
      notify(
        "New alarm to verify",
        [item.siteName ?? `Site ${item.siteId}`, item.description].filter(Boolean).join(" — "),
        item.id,
      );
    },
    [clock],
  );
  const { data, status, error, isLoading } = useLiveQueue({ onNew });
  const now = useNow(1000, clock);
  useEffect(() => {
    for (const [id, until] of toAnnounce.current) {
      const item = data?.items.find((i) => i.id === id);
      if (!item) toAnnounce.current.delete(id);
      else if (item.priority || now >= until) {
        toAnnounce.current.delete(id);
        setAnnounced(`New alarm: ${announcement(item, now)}`);
      }
    }
  }, [data, now]);

  // Items leave by themselves when their countdown ends, whatever the server has said yet.
  const items = useMemo(
    () =>
      sortQueue(
        (data?.items ?? []).filter((i) => Date.parse(i.expiresAt) > now),
        sort,
      ),
    [data, now, sort],
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [intent, setIntent] = useState<Intent>(null);
  const [claiming, setClaiming] = useState<string | null>(null);
  const selected = items.find((i) => i.id === selectedId) ?? items[0] ?? null;
  const opened = openId ? ((data?.items ?? []).find((i) => i.id === openId) ?? null) : null;
  const listRef = useRef<HTMLUListElement>(null);

  // Escalation: each item sounds and notifies once when it escalates (alerts on); the admins'
  // banner lists what is escalated now.
  const escalated = useMemo(() => summarizeEscalations(items, now, escalation), [items, now, escalation]);
  const seenEscalated = useRef(new Set<string>());
  useEffect(() => {
    const fresh = newlyEscalated(escalated.ids, seenEscalated.current);
    if (!fresh.length) return;
    for (const id of fresh) seenEscalated.current.add(id);
    const first = items.find((i) => i.id === fresh[0]);
    if (!first) return;
    const why = escalationOf(first, now, escalation).reason;
    const site = first.siteName ?? `Site ${first.siteId}`;
    setEscalationSaid(
      `Escalated: ${site}, ${why.toLowerCase()}${fresh.length > 1 ? `, and ${fresh.length - 1} more` : ""}`,
    );
    if (!alertsRef.current) return;
    alarmSound();
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : "";
    notify("Alarm escalated", `${site}: ${why}${more}`, `escalated-${first.id}`);
  }, [escalated, items, now, escalation]);

  // The tab shows how many are waiting. Next writes the page's metadata title again after a refresh
  // of the route, so the count is put back whenever the <title> changes.
  useEffect(() => {
    const base = "Verifications · CHeKT dealer console";
    const wanted = items.length ? `(${items.length}) ${base}` : base;
    const apply = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(/^\(\d+\) /, "");
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

  const open = useCallback((item: QueueItem, i: Intent = null) => {
    setSelectedId(item.id);
    setOpenId(item.id);
    setIntent(i);
  }, []);

  const runClaim = useCallback(
    async (item: QueueItem, takeOver: boolean, then: Intent = null) => {
      if (!canAnswer) return;
      setClaiming(item.id);
      try {
        const outcome = toOutcome(
          await (takeOver ? takeOverVerification({ id: item.id }) : claimVerification({ id: item.id })),
        );
        if (!outcome.ok) {
          toast.error(outcome.failure.message);
          return;
        }
        if (takeOver)
          toast.success(`You took over the claim${item.claimedByName ? ` from ${item.claimedByName}` : ""}.`);
        updateQueue(queryClient, (s: QueueState) =>
          applyLocal(s, item.id, { state: "claimed", claimedByMe: true, claimedByName: me.name }),
        );
        // Claiming means working the alarm: the detail view opens and holds the claim while open
        // (with the outcome picker when d/x or Dispatch…/Disregard… asked for the claim).
        open(item, then);
      } catch {
        toast.error("We could not reach the server; the claim was not made.");
      } finally {
        setClaiming(null);
      }
    },
    [canAnswer, me.name, open, queryClient],
  );

  // d/x and the answer buttons: an item someone else holds opens nothing; one nobody holds is
  // claimed first, as the Claim button does, so the picker never offers an answer the server refuses.
  const answerKey = useCallback(
    (item: QueueItem, action: "dispatch" | "disregard") => {
      if (!canAnswer || claiming) return;
      if (item.state === "claimed" && !item.claimedByMe) {
        toast.error(`Claimed by ${item.claimedByName ?? "another operator"}. Only they can answer it now.`);
        return;
      }
      if (item.state === "claimed") open(item, action);
      else void runClaim(item, false, action);
    },
    [canAnswer, claiming, open, runClaim],
  );

  const move = (id: string) => {
    setSelectedId(id);
    // Roving tabindex: focus follows the selection when the list already has focus.
    if (listRef.current?.contains(document.activeElement))
      requestAnimationFrame(() => document.getElementById(`verif-${id}`)?.focus());
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || openId) return;
      if (!items.length || !selected) return;
      const idx = Math.max(
        0,
        items.findIndex((i) => i.id === selected.id),
      );
      if (e.key === "j") move(items[Math.min(items.length - 1, idx + 1)]!.id);
      else if (e.key === "k") move(items[Math.max(0, idx - 1)]!.id);
      else if (e.key === "Enter" && (e.target === document.body || listRef.current?.contains(e.target as Node)))
        open(selected);
      else if (e.key === "c" && canAnswer && !(selected.state === "claimed" && !selected.claimedByMe))
        void runClaim(selected, false);
      else if ((e.key === "d" || e.key === "x") && canAnswer)
        answerKey(selected, e.key === "d" ? "dispatch" : "disregard");
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  function onListKey(e: ReactKeyboardEvent<HTMLUListElement>) {
    if (!items.length) return;
    const idx = Math.max(
      0,
      items.findIndex((i) => i.id === selected?.id),
    );
    const to =
      e.key === "ArrowDown"
        ? idx + 1
        : e.key === "ArrowUp"
          ? idx - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? items.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    const id = items[Math.max(0, Math.min(items.length - 1, to))]!.id;
    setSelectedId(id);
    document.getElementById(`verif-${id}`)?.focus();
  }

  useEffect(() => {
    if (selected) document.getElementById(`verif-${selected.id}`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const selClaimedByOther = !!selected && selected.state === "claimed" && !selected.claimedByMe;

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3 text-sm text-slate-700">
          <LiveBadge status={status} />
          <span data-testid="pending-count">
            {items.length} open {plural(items.length, "verification")}
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <nav aria-label="Queue order" className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
            <SortLink current={sort} value="priority" label="Priority, then deadline" />
            <SortLink current={sort} value="deadline" label="Deadline only" />
          </nav>
          {canAlert ? (
            <Button
              variant="secondary"
              size="sm"
              icon={alertsOn ? <Bell className="h-4 w-4" /> : <BellOff className="h-4 w-4" />}
              onClick={async () => {
                if (!alertsOn) return turnOnAlerts();
                writeAlertsPref("off");
                setAlerts({ on: false, ask: false });
              }}
            >
              {alertsOn ? "Alerts on" : "Turn on alerts"}
            </Button>
          ) : null}
          {showEscalationBanner ? (
            <Link
              href="/verifications/settings#escalation"
              className="text-sm text-indigo-700 underline hover:text-indigo-900"
            >
              Escalation settings
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mb-3 hidden text-xs text-slate-600 md:block">
        <Kbd>↑</Kbd>/<Kbd>↓</Kbd> or <Kbd>j</Kbd>/<Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>c</Kbd> claim ·{" "}
        <Kbd>d</Kbd> dispatch · <Kbd>x</Kbd> disregard
      </p>

      {askAlerts && !alertsOn ? (
        <div
          data-testid="alerts-prompt"
          className={
            "mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-indigo-200 bg-indigo-50 p-3 " +
            "text-sm text-slate-900"
          }
        >
          <Bell className="h-5 w-5 text-indigo-700" aria-hidden="true" />
          <p className="mr-auto">
            New and escalated alarms can sound and show a desktop notification, even while this tab is in the
            background.
          </p>
          <Button size="sm" onClick={() => void turnOnAlerts()}>
            Turn on alarm sound and notifications
          </Button>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              writeAlertsPref("off");
              setAlerts({ on: alertsOn, ask: false });
            }}
          >
            Not now
          </Button>
        </div>
      ) : null}

      {showEscalationBanner && escalated.message ? (
        <div
          role="alert"
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
                    href={`#verif-${id}`}
                    className="underline hover:text-red-950"
                    onClick={(e) => {
                      e.preventDefault();
                      setSelectedId(id);
                      requestAnimationFrame(() => document.getElementById(`verif-${id}`)?.focus());
                    }}
                  >
                    {item.siteName ?? `Site ${item.siteId}`} —{" "}
                    {escalationOf(item, now, escalation).reason.toLowerCase()}
                  </a>
                </li>
              );
            })}
            {escalated.ids.length > BANNER_LINKS ? (
              <li>and {escalated.ids.length - BANNER_LINKS} more in the queue below</li>
            ) : null}
          </ul>
        </div>
      ) : null}

      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="queue-announcer">
        {announced}
      </div>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="escalation-announcer">
        {escalationSaid}
      </div>

      {error && !data ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {errorText(error)}
        </div>
      ) : isLoading && !data ? (
        <p className="text-sm text-slate-600">Loading the queue…</p>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<ShieldAlert className="h-8 w-8" />}
          title="Nothing to verify"
          description="New alarms appear here the moment CHeKT asks for a verification."
        />
      ) : (
        <>
          {selected ? (
            <div
              role="toolbar"
              aria-label={`Actions for ${selected.siteName ?? `site ${selected.siteId}`}`}
              data-testid="queue-actions"
              className={
                "sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 " +
                "bg-white/95 p-2 shadow-sm backdrop-blur"
              }
            >
              <span className="mr-auto truncate text-sm text-slate-800">
                Selected: <strong>{selected.siteName ?? `Site ${selected.siteId}`}</strong>
                {selClaimedByOther ? (
                  <span className="ml-2 text-amber-800">
                    · claimed by {selected.claimedByName ?? "another operator"}
                  </span>
                ) : null}
              </span>
              <Button size="sm" variant="secondary" onClick={() => open(selected)}>
                Open
              </Button>
              {canAnswer ? (
                <>
                  <ClaimButton
                    compact
                    item={selected}
                    canTakeOver={canTakeOver}
                    pending={claiming === selected.id}
                    onClaim={(takeOver) => runClaim(selected, takeOver)}
                  />
                  {(["dispatch", "disregard"] as const).map((a) => (
                    <AnswerButton
                      key={a}
                      action={a}
                      size="sm"
                      disabled={selClaimedByOther}
                      onClick={() => answerKey(selected, a)}
                    />
                  ))}
                </>
              ) : null}
            </div>
          ) : null}
          <ul
            ref={listRef}
            role="listbox"
            aria-label="Open verifications"
            className="space-y-3"
            data-testid="verification-queue"
            data-list-as-of={data?.listAsOf ?? ""}
            onKeyDown={onListKey}
          >
            {items.map((item) => (
              <QueueRow
                key={item.id}
                item={item}
                now={now}
                escalation={escalation}
                selected={item.id === selected?.id}
                onSelect={() => setSelectedId(item.id)}
                onOpen={() => open(item)}
              />
            ))}
          </ul>
        </>
      )}

      {opened ? (
        <VerificationDetail
          item={opened}
          canAnswer={canAnswer}
          canTakeOver={canTakeOver}
          leaseSeconds={leaseSeconds}
          intent={intent}
          onIntent={(i) => (i ? answerKey(opened, i) : setIntent(null))}
          onClaim={(takeOver) => runClaim(opened, takeOver)}
          claiming={claiming === opened.id}
          onClose={() => {
            setOpenId(null);
            setIntent(null);
          }}
          onAnswered={(id) => {
            updateQueue(queryClient, (s) => applyRemove(s, id, Date.now()));
            setOpenId(null);
            setIntent(null);
          }}
        />
      ) : null}
    </div>
  );
}

function SortLink({ current, value, label }: { current: QueueSort; value: QueueSort; label: string }) {
  const active = current === value;
  return (
    <Link
      href={value === "priority" ? "/verifications" : "/verifications?sort=deadline"}
      aria-current={active ? "page" : undefined}
      scroll={false}
      className={cn(
        "px-3 py-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600",
        active ? "bg-indigo-600 text-white" : "bg-white text-slate-800 hover:bg-slate-50",
      )}
    >
      {label}
    </Link>
  );
}

function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] text-slate-800">
      {children}
    </kbd>
  );
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

const URGENCY_TEXT = { normal: "text-slate-900", amber: "text-amber-800", red: "text-red-700" } as const;
const URGENCY_BORDER = { normal: "border-slate-200", amber: "border-amber-400", red: "border-red-500" } as const;

function QueueRow(props: {
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
      id={`verif-${item.id}`}
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
