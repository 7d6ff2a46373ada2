// device.online / device.offline / device.firmware_updated → the mirrored device row
// (docs/mirror.md "Devices, contacts and arming"). Runs inside the webhook's transaction, on the
// same tagged-template SQL the receiver uses (lib/webhooks/sql.ts), and names the dealer link the
// delivery was verified for in every statement.
//
// Order-proof: firmware carries the time of the value it holds (firmware_at) and a report only
// replaces it when not older; status carries when it began (status_at) and when it was last
// reported (status_seen_at), and follows the spell rule CHeKT's answers follow too
// (lib/mirror/status-spell.ts): a report older than the last one taken never changes it, so a late
// retry of an old event never rolls it back; the same status again keeps its start; another status
// starts a new spell. A device the mirror does not have yet is left alone here: device_statuses
// keeps its newest report and the mirror's writer takes it over when the row is created
// (lib/mirror/batch.ts, `devicesReadSql` and `devicesWriteSql`).
import type { ParsedEvent } from "@/lib/webhooks/events";
import { SqlText, withText, type Sql } from "@/lib/webhooks/sql";
import { statusSpellSql } from "./status-spell";

export type DeviceEvent = Extract<
  ParsedEvent,
  { type: "device.online" | "device.offline" | "device.firmware_updated" }
>;

// The row `m` after the report `r` (the event's status and time).
const SPELL = statusSpellSql(
  { status: "m.status", statusAt: "m.status_at", seenAt: "m.status_seen_at" },
  { status: "r.status", at: "r.at" },
);
const [STATUS, STATUS_AT, STATUS_SEEN_AT] = [
  new SqlText(SPELL.status),
  new SqlText(SPELL.statusAt),
  new SqlText(SPELL.seenAt),
];

export function isDeviceEvent(event: ParsedEvent): event is DeviceEvent {
  return event.type === "device.online" || event.type === "device.offline" || event.type === "device.firmware_updated";
}

/** Applies one device event to the mirror; answers whether a mirrored row took it. */
export async function applyDeviceEvent(
  sql: Sql,
  dealerLinkId: string,
  event: DeviceEvent,
  now = new Date(),
): Promise<boolean> {
  const d = event.data;
  const at = d.at ?? event.createdAt;
  if (event.type === "device.firmware_updated") {
    const firmware = event.data.firmware;
    if (firmware == null) return false;
    const rows = await sql`
      UPDATE mirror_devices SET
        firmware = CASE WHEN firmware_at IS NULL OR ${at} >= firmware_at THEN ${firmware}::text ELSE firmware END,
        firmware_at = GREATEST(firmware_at, ${at}),
        last_seen_at = GREATEST(last_seen_at, ${at}),
        updated_at = ${now}
      WHERE dealer_link_id = ${dealerLinkId} AND chekt_id = ${d.device_id}
      RETURNING chekt_id`;
    return rows.length > 0;
  }
  const status = event.type === "device.online" ? "online" : "offline";
  const rows = await withText(sql)`
    UPDATE mirror_devices m SET
      status = ${STATUS},
      status_at = ${STATUS_AT},
      status_seen_at = ${STATUS_SEEN_AT},
      last_seen_at = CASE WHEN r.status = 'online' THEN GREATEST(m.last_seen_at, r.at) ELSE m.last_seen_at END,
      updated_at = ${now}
    FROM (SELECT ${status}::text AS status, ${at}::timestamp(3) AS at) r
    WHERE m.dealer_link_id = ${dealerLinkId} AND m.chekt_id = ${d.device_id}
    RETURNING m.chekt_id`;
  return rows.length > 0;
}
