"use client";
import type { ReactNode } from "react";
import Link from "next/link";
import { Bell, BellOff, Radio } from "lucide-react";
import { Badge, Button, cn, textLinkClass } from "@/components/ui";
import type { QueueSort } from "@/lib/verifications/merge";
import { plural } from "@/lib/plural";
import type { LiveStatus } from "./event-stream";
import type { DeskAlerts } from "./use-desk-alerts";

/**
 * Above the queue: whether it is live, how many are open, the order, the alerts switch, the admins'
 * link to the escalation thresholds, and (laptop) the keys.
 */
export function QueueHeader(props: {
  status: LiveStatus;
  count: number;
  sort: QueueSort;
  alerts: DeskAlerts;
  showEscalationLink: boolean;
}) {
  const { status, count, sort, alerts } = props;
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        {/* Wraps: on a phone a refusal's words take the line, and the count goes under them. */}
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
          <LiveBadge status={status} />
          <span data-testid="pending-count">
            {count} open {plural(count, "verification")}
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <nav aria-label="Queue order" className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
            <SortLink current={sort} value="priority" label="Priority, then deadline" />
            <SortLink current={sort} value="deadline" label="Deadline only" />
          </nav>
          {alerts.supported ? <AlertsToggle alerts={alerts} /> : null}
          {props.showEscalationLink ? (
            <Link href="/verifications/settings#escalation" className={cn("text-sm", textLinkClass)}>
              Escalation settings
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mb-3 hidden text-xs text-slate-600 md:block">
        <Kbd>↑</Kbd>/<Kbd>↓</Kbd> or <Kbd>j</Kbd>/<Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>c</Kbd> claim ·{" "}
        <Kbd>d</Kbd> dispatch · <Kbd>x</Kbd> disregard (here and in the opened alarm) · <Kbd>Esc</Kbd> close
      </p>
    </>
  );
}

/**
 * The alerts switch, saying what is heard: on, off, or on but held by the browser until a click (after a
 * reload), when a click here starts the sound rather than turning alerts off.
 */
function AlertsToggle({ alerts }: { alerts: DeskAlerts }) {
  const paused = alerts.soundPaused;
  return (
    <Button
      variant="secondary"
      size="sm"
      data-alerts-toggle
      icon={alerts.on && !paused ? <Bell className="h-4 w-4" /> : <BellOff className="h-4 w-4" />}
      onClick={() => (alerts.on && !paused ? alerts.turnOff() : void alerts.turnOn())}
    >
      {paused ? "Alerts paused — click to turn sound on" : alerts.on ? "Alerts on" : "Turn on alerts"}
    </Button>
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

function LiveBadge({ status }: { status: LiveStatus }) {
  if (status === "live")
    return (
      <Badge tone="success">
        <Radio className="mr-1 h-3 w-3" aria-hidden="true" /> Live
      </Badge>
    );
  if (typeof status === "object")
    // What is on screen stays as it was last sent, so say plainly that it no longer updates, and why; a
    // reload is the way on (the page itself sends a session that ended to sign-in, and back here after).
    return (
      <span className="flex flex-wrap items-center gap-2">
        <span role="alert" className="flex flex-wrap items-center gap-2">
          {/* The space between: a screen reader reads the alert as one text, "Not liveLive updates…" without it. */}
          <Badge tone="danger">Not live</Badge> <span>Live updates stopped: {status.refused}</span>
        </span>
        {/* The queue no longer asks by itself (each refused ask is audited): back once let in, when the user says. */}
        {status.tryAgain ? (
          <Button
            variant="secondary"
            size="sm"
            pending={status.trying}
            pendingText="Checking…"
            onClick={status.tryAgain}
          >
            Check access again
          </Button>
        ) : null}
        <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </span>
    );
  return <Badge tone="warning">{status === "connecting" ? "Connecting…" : "Reconnecting…"}</Badge>;
}
