// The background sweep's progress for the current dealer (mirror_syncs): shown on the dealer page,
// the dashboard and the sites list while a sweep is queued or running, or when the last one failed.
// Server component.
import { Alert, ProgressBar, UtcTime } from "@/components/ui";
import { findMirrorSync } from "@/lib/mirror/read";
import { AutoRefresh } from "./auto-refresh";
import { countText } from "@/lib/count-text";
import { skippedText } from "@/lib/mirror/sweep-progress";

const PHASES: Record<string, string> = {
  dealer: "the dealer profile",
  stations: "monitoring stations",
  sites: "sites",
  children: "each site's contacts, devices and arming",
};

export async function SyncProgress({
  dealerLinkId,
  className,
  always,
}: {
  dealerLinkId: string;
  className?: string;
  always?: boolean;
}) {
  const sync = await findMirrorSync(dealerLinkId);
  if (!sync) {
    return always ? (
      <Alert tone="info" title="Not synced yet" className={className}>
        The first sync with CHeKT has not started yet; it starts within a minute.
      </Alert>
    ) : null;
  }
  const busy = sync.state === "queued" || sync.state === "running";
  // Sites the sweep passed over are said wherever its state is, even after it finished.
  const skipped = skippedText(sync);
  if (!busy && sync.state !== "failed") {
    if (skipped)
      return (
        <Alert tone="warning" title="Last sync with CHeKT missed some sites" className={className}>
          <p data-testid="sync-skipped">{skipped}</p>
          {sync.finishedAt ? (
            <p className="mt-1 text-xs opacity-80">
              Finished <UtcTime at={sync.finishedAt} />.
            </p>
          ) : null}
        </Alert>
      );
    return always && sync.finishedAt ? (
      <p className={className} data-testid="sync-done">
        <span className="text-sm text-slate-600">
          Last full sync with CHeKT finished <UtcTime at={sync.finishedAt} />.
        </span>
      </p>
    ) : null;
  }
  const what = sync.phase ? (PHASES[sync.phase] ?? sync.phase) : "waiting to start";
  const counted = sync.total
    ? ` — ${countText(sync.done)} of ${countText(sync.total)}`
    : sync.done
      ? ` — ${countText(sync.done)} so far`
      : "";
  const pct = sync.total ? Math.min(100, Math.round((sync.done / sync.total) * 100)) : null;
  const title = sync.firstSync ? "First sync with CHeKT" : "Syncing with CHeKT";
  // While it runs, the count moves at each 3 s refresh: only the phase is a live region, so a screen
  // reader hears "reading sites" once, not the box again at every count.
  return (
    <div className={className} data-testid="sync-progress">
      {busy ? <AutoRefresh everyMs={3000} /> : null}
      {busy ? (
        <p role="status" className="sr-only" data-testid="sync-announce">
          {title}: reading {what}.
        </p>
      ) : null}
      <Alert tone={sync.state === "failed" ? "warning" : "info"} title={title} live={!busy}>
        <p>
          {sync.state === "failed"
            ? "Stopped: CHeKT refused or failed every call; it is tried again each minute from where it stopped"
            : "Reading "}
          {sync.state === "failed" ? null : what}
          {counted}.
        </p>
        {sync.lastError ? <p className="mt-1 text-xs opacity-80">{sync.lastError}</p> : null}
        {skipped ? (
          <p className="mt-1 text-xs" data-testid="sync-skipped">
            {skipped}
          </p>
        ) : null}
        {pct !== null ? (
          <ProgressBar
            label="Sync progress"
            percent={pct}
            className="mt-2 h-1.5 w-full max-w-sm overflow-hidden rounded bg-white/70"
          >
            <div className="h-full bg-indigo-500" style={{ width: `${pct}%` }} />
          </ProgressBar>
        ) : null}
      </Alert>
    </div>
  );
}
