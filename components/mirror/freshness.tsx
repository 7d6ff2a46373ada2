"use client";
// "As of 14:02 UTC · Refresh": how fresh the mirror's copy a page shows is (docs/mirror.md). One
// component for every page that reads the mirror. Refresh re-reads the page's targets from CHeKT
// (lib/mirror/actions.ts, "read" class) and re-renders the page; a failure says the copy shown
// stays the last one CHeKT confirmed. A re-read the shared budget would hold long comes back as
// budget_wait (nothing sent): the line counts down "refreshing in N s" with Cancel, like the forms
// (components/forms/use-budget-wait.ts), and re-reads when the countdown ends. A page whose copy only
// the background sweep keeps (the dashboard's counts of every site) passes `bySweep`: its Refresh starts
// or joins that sweep (lib/mirror/start-sync.ts), shown by SyncProgress, instead of reading every site.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Clock, RefreshCw } from "lucide-react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { WAIT_TITLE } from "@/components/forms/use-budget-wait";
import { cn, UtcTime } from "@/components/ui";
import { CountdownText } from "@/components/ui/countdown-text";
import { refreshBySweepAction, refreshMirrorAction } from "@/lib/mirror/actions";
import type { MirrorTarget } from "@/lib/mirror/targets";

export type FreshnessProps = {
  /** When CHeKT last confirmed what the page shows (ISO); null: never read from CHeKT. */
  asOf: string | null;
  /** What Refresh re-reads. */
  targets: MirrorTarget[];
  /** The page saw it older than the stale limit and queued a background re-read. */
  refreshQueued?: boolean;
  /** CHeKT said it no longer has it (ISO of when we noticed). */
  goneAt?: string | null;
  /** A read found CHeKT's copy differed from ours (changed outside this console). */
  changedAt?: string | null;
  /** Refresh starts (or joins) the dealer's background sweep instead of re-reading `targets`. */
  bySweep?: boolean;
  className?: string;
};

const REFRESH_BUTTON = [
  "inline-flex items-center gap-1 rounded font-medium text-indigo-700 underline-offset-2 hover:underline",
  "focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
  "disabled:text-slate-500",
].join(" ");

const NO_SERVER = "We could not reach the server. The copy shown is unchanged.";

export function Freshness({ asOf, targets, refreshQueued, goneAt, changedAt, bySweep, className }: FreshnessProps) {
  const router = useRouter();
  // Every outcome is shown on the line itself, so no toasts (the countdown included).
  const reader = useActionRunner(refreshMirrorAction, { toasts: false });
  const sweeper = useActionRunner(refreshBySweepAction, { toasts: false });
  const runner = bySweep ? sweeper : reader;
  const [sweep, setSweep] = useState<"started" | "joined" | null>(null);
  const { failure } = runner;
  const cancelled = failure?.code === "cancelled";
  const problem = !failure || cancelled ? null : failure.code === "network" ? NO_SERVER : failure.message;

  async function refresh() {
    setSweep(null);
    if (bySweep) {
      const r = await sweeper.run(undefined, null);
      if (r.ok) setSweep(r.data?.sweep ?? null);
      if (r.ok) router.refresh();
      return;
    }
    if ((await reader.run({ targets }, null)).ok) router.refresh();
  }

  return (
    <div className={cn("text-xs text-slate-600", className)} data-testid="freshness">
      <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
        <Clock className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
        <CopyAge asOf={asOf} refreshQueued={refreshQueued} goneAt={goneAt} changedAt={changedAt} />
        <RefreshControl runner={runner} onRefresh={() => void refresh()} />
      </p>
      {goneAt ? (
        <p className="mt-1 font-medium text-red-800" role="status" data-testid="freshness-gone">
          Deleted in CHeKT (noticed <UtcTime at={goneAt} form="brief" />
          ). What you see is the last copy CHeKT confirmed.
        </p>
      ) : null}
      <div aria-live="polite">
        {sweep ? (
          <p className="mt-1" role="status" data-testid="freshness-sweep">
            {sweep === "joined" ? "A sync with CHeKT is already under way" : "Sync with CHeKT started"} (progress
            above). &ldquo;As of&rdquo; moves when it finishes.
          </p>
        ) : null}
        {cancelled ? (
          <p className="mt-1" role="status" data-testid="freshness-cancelled">
            Refresh cancelled. Nothing was sent to CHeKT; the copy shown is unchanged.
          </p>
        ) : null}
        {problem ? (
          <p className="mt-1 text-amber-900" role="alert" data-testid="freshness-problem">
            Could not refresh: {problem} The copy shown is the last one CHeKT confirmed.
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * How old the copy is, and whether a re-read is queued or CHeKT's copy was seen to differ: each part ends
 * with its " ·" (a no-break space before it), so when the line wraps the dot stays at the end of the part
 * before it and no line starts with one.
 */
function CopyAge({ asOf, refreshQueued, goneAt, changedAt }: Omit<FreshnessProps, "targets" | "className">) {
  return (
    <>
      {asOf ? (
        <span>
          As of <UtcTime at={asOf} form="brief" />
          <Dot />
        </span>
      ) : (
        <span>
          Not read from CHeKT yet
          <Dot />
        </span>
      )}
      {refreshQueued && !goneAt ? (
        <span>
          older than the refresh limit, update queued
          <Dot />
        </span>
      ) : null}
      {changedAt && !goneAt ? (
        <span className="font-medium text-amber-800" data-testid="freshness-changed">
          changed in CHeKT (seen <UtcTime at={changedAt} form="brief" />)<Dot />
        </span>
      ) : null}
    </>
  );
}

/** The separator after a part of the line, bound to its last word. */
function Dot() {
  return <span aria-hidden="true">{"\u00a0·"}</span>;
}

/** Refresh, or while the shared budget holds the re-read, its countdown with Cancel. */
function RefreshControl({
  runner: { pending, budgetWait },
  onRefresh,
}: {
  runner: Pick<ReturnType<typeof useActionRunner>, "pending" | "budgetWait">;
  onRefresh: () => void;
}) {
  if (budgetWait.secondsLeft !== null)
    return (
      <>
        <CountdownText
          testId="freshness-waiting"
          steady={WAIT_TITLE}
          ticking={` — refreshing in ${budgetWait.secondsLeft} s`}
        />
        <button type="button" onClick={budgetWait.cancel} className={REFRESH_BUTTON}>
          Cancel
        </button>
      </>
    );
  return (
    <button
      type="button"
      onClick={onRefresh}
      disabled={pending}
      aria-busy={pending || undefined}
      className={REFRESH_BUTTON}
    >
      <RefreshCw className={cn("h-3.5 w-3.5", pending && "animate-spin")} aria-hidden="true" />
      {pending ? "Refreshing…" : "Refresh"}
    </button>
  );
}
