// device.online / device.offline / device.firmware_updated → the mirrored device row
// (docs/mirror.md "Devices, contacts and arming"). Runs inside the webhook's transaction, on the
// same tagged-template SQL the receiver uses (lib/webhooks/sql.ts), and names the dealer link the
// delivery was verified for in every statement.
//
// Order-proof: status and firmware each carry the time of the value they hold (status_at,
// firmware_at) and a report only replaces a value older than itself, so a late retry of an old
// event never overwrites a newer one. A device the mirror does not have yet is left alone here:
// device_statuses keeps its newest report and the mirror's writer takes it over when the row is
// created (lib/mirror/batch.ts, `devicesReadSql` and `devicesWriteSql`).
import type { ParsedEvent } from "@/lib/webhooks/events";
import type { Sql } from "@/lib/webhooks/sql";

export type DeviceEvent = Extract<
  ParsedEvent,
  { type: "device.online" | "device.offline" | "device.firmware_updated" }
>;

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
  const rows = await sql`
    UPDATE mirror_devices SET
      status = CASE WHEN status_at IS NULL OR ${at} >= status_at THEN ${status}::text ELSE status END,
      status_at = GREATEST(status_at, ${at}),
      last_seen_at = CASE WHEN ${status}::text = 'online' THEN GREATEST(last_seen_at, ${at}) ELSE last_seen_at END,
      updated_at = ${now}
    WHERE dealer_link_id = ${dealerLinkId} AND chekt_id = ${d.device_id}
    RETURNING chekt_id`;
  return rows.length > 0;
}
