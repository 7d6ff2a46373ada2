// A device's status as the console judges it (docs/fleet.md): CHeKT's "online" and "offline", and
// "unknown" for everything else — no status yet, or a word the draft API sent that we do not know
// (lib/mirror/sql-values.ts reads status loosely). The rule is here once, in TypeScript for what a
// page shows and in SQL for what a query counts, filters and orders, so a device is never counted
// as one status and listed as another. Client-safe: the badge (components/fleet/status-badge.tsx)
// reads it too.

export const DEVICE_STATUSES = ["online", "offline", "unknown"] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** CHeKT's status word (mirror_devices.status) as the console judges it. */
export function deviceStatus(status: string | null | undefined): DeviceStatus {
  return status === "online" || status === "offline" ? status : "unknown";
}

/**
 * deviceStatus's SQL twin: the condition that `col` (a mirror_devices.status column, named by code,
 * never user text) judges as `status`.
 */
export function deviceStatusSql(col: string, status: DeviceStatus): string {
  if (status === "unknown") return `(${col} IS NULL OR ${col} NOT IN ('online', 'offline'))`;
  return `${col} = '${status}'`;
}

/** Devices per status, as `count(*) FILTER` columns named online, offline and unknown (ints). */
export function statusCountsSql(col: string): string {
  return DEVICE_STATUSES.map((s) => `count(*) FILTER (WHERE ${deviceStatusSql(col, s)})::int AS ${s}`).join(", ");
}
