// A device's status, when it began and when it was last reported (mirror_devices.status, status_at:
// its "spell", status_seen_at) after a report of its status, for both writers: CHeKT's answers
// (lib/mirror/batch.ts, read or our own write) and device.* webhooks (lib/mirror/device-events.ts).
// docs/mirror.md "Device status".
//
// - A report older than the newest one taken for the status held (its start or a repeat) never
//   changes it: a late retry of an old event, a sweep that read the device before a webhook came,
//   or a delayed report of another status from inside the spell (offline at 10:00 and again at
//   10:30 means an "online" stamped 10:10 is no longer news).
// - A report of the status held, not older, keeps when the spell began: "offline for 2 h" and the
//   fleet alert keyed on the spell (lib/fleet/alerts.ts offline_since) survive CHeKT saying it again.
// - A report of another status, not older, starts a new spell at its time.

/** The row's status, when it began and when it was last reported, as SQL (columns of the row, or an early report). */
export type HeldStatus = { status: string; statusAt: string; seenAt: string };
/** A report's status and time as SQL; `given`, when a report may carry no status (an answer without the field). */
export type StatusReport = { status: string; at: string; given?: string };

/** The status, status_at and status_seen_at the row takes after `report` (SQL over `held` and `report`). */
export function statusSpellSql(held: HeldStatus, report: StatusReport): HeldStatus {
  // The spell's start is a report taken too, so the newest report is never older than it; a row from before
  // status_seen_at has only its start.
  const newest = `GREATEST(${held.seenAt}, ${held.statusAt})`;
  const notOlder = `(${newest} IS NULL OR ${newest} <= ${report.at})`;
  const take = report.given ? `${report.given} AND ${notOlder}` : notOlder;
  const same = `${held.statusAt} IS NOT NULL AND ${held.status} IS NOT DISTINCT FROM ${report.status}`;
  return {
    status: `CASE WHEN ${take} THEN ${report.status} ELSE ${held.status} END`,
    statusAt: `CASE WHEN ${take} AND NOT (${same}) THEN ${report.at} ELSE ${held.statusAt} END`,
    seenAt: `CASE WHEN ${take} THEN ${report.at} ELSE ${held.seenAt} END`,
  };
}
