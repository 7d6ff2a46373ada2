// A device's status and the time it began (mirror_devices.status, status_at: its "spell") after a
// report of its status, for both writers: CHeKT's answers (lib/mirror/batch.ts, read or our own
// write) and device.* webhooks (lib/mirror/device-events.ts). docs/mirror.md "Device status".
//
// - A report older than the spell held never changes it (a late retry of an old event, a sweep
//   that read the device before a webhook came).
// - A report of the status held, not older, keeps when the spell began: "offline for 2 h" and the
//   fleet alert keyed on the spell (lib/fleet/alerts.ts offline_since) survive CHeKT saying it again.
// - A report of another status, not older, starts a new spell at its time.
// We keep no time of the newest report that confirmed a spell, only its start: a late report of
// another status from inside the spell (newer than its start, older than a repeat we kept) still
// starts a new spell, until the next report or read.

/** The row's status and when it began, as SQL expressions (columns of the row, or an early report). */
export type HeldStatus = { status: string; statusAt: string };
/** A report's status and time as SQL; `given`, when a report may carry no status (an answer without the field). */
export type StatusReport = { status: string; at: string; given?: string };

/** The status and status_at the row takes after `report` (SQL expressions over `held` and `report`). */
export function statusSpellSql(held: HeldStatus, report: StatusReport): HeldStatus {
  const notOlder = `(${held.statusAt} IS NULL OR ${held.statusAt} <= ${report.at})`;
  const take = report.given ? `${report.given} AND ${notOlder}` : notOlder;
  const same = `${held.statusAt} IS NOT NULL AND ${held.status} IS NOT DISTINCT FROM ${report.status}`;
  return {
    status: `CASE WHEN ${take} THEN ${report.status} ELSE ${held.status} END`,
    statusAt: `CASE WHEN ${take} AND NOT (${same}) THEN ${report.at} ELSE ${held.statusAt} END`,
  };
}
