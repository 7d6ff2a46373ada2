// Applies one parsed CHeKT event to Postgres, inside the caller's transaction (device events on the
// receiver's path; every type for the admin's re-apply). The webhook hot path applies alarm,
// verification and snapshot events inside the SQL function webhook_ingest (lib/webhooks/ingest.ts);
// here they go through the same function, webhook_apply, so there is one copy of those rules.
// Tenancy: every row is keyed by (dealer link, CHeKT id) and every statement names the dealer link
// the delivery was verified for, so a delivery for one dealer never reads, changes or hides
// another dealer's alarm, verification, snapshot or device status, whatever ids it carries.
// Order-proof by construction: every write is an upsert that only moves state forward, and all
// events about one alarm take the same transaction-scoped advisory lock, so a resolve racing a
// verification.requested cannot leave a pending verification on a resolved alarm.
import { applyDeviceEvent, isDeviceEvent } from "@/lib/mirror/device-events";
import { statusSpellSql } from "@/lib/mirror/status-spell";
import type { ParsedEvent } from "./events";
import { notifyDeviceStatus, notifyVerifications } from "./notify";
import { SqlText, withText, type Sql } from "./sql";

export type ApplyOutcome = { note: string };

// A device's reports kept for when the mirror gets its row (device_statuses `m`, after the report `EXCLUDED`),
// by the rules that row follows (lib/mirror/device-events.ts): the status by the spell rule, firmware by a
// time of its own, last seen the newest online or firmware report. The row then starts from them
// (lib/mirror/batch.ts) exactly as if it had been there when they came.
const SPELL = statusSpellSql(
  { status: "m.status", statusAt: "m.status_at", seenAt: "m.status_seen_at" },
  { status: "EXCLUDED.status", at: "EXCLUDED.status_at", given: "EXCLUDED.status IS NOT NULL" },
);
const [STATUS, STATUS_AT, STATUS_SEEN_AT] = [SPELL.status, SPELL.statusAt, SPELL.seenAt].map((t) => new SqlText(t));

export async function applyEvent(
  sql: Sql,
  dealerLinkId: string,
  event: ParsedEvent,
  now = new Date(),
): Promise<ApplyOutcome> {
  if (!isDeviceEvent(event)) {
    const alarmId = "alarm_id" in event.data ? event.data.alarm_id : null;
    if (alarmId) await lockAlarm(sql, dealerLinkId, alarmId);
    const [row] = await sql<{ note: string; items: { id: string; state: string }[] }>`
      SELECT note, items FROM webhook_apply(${dealerLinkId}, ${event.type}, ${JSON.stringify(event.data)}::jsonb,
        ${event.createdAt}::timestamp(3), ${now}::timestamp(3))`;
    await notifyVerifications(sql, dealerLinkId, row.items);
    return { note: row.note };
  }
  switch (event.type) {
    case "device.online":
    case "device.offline":
    case "device.firmware_updated": {
      const d = event.data;
      const at = d.at ?? event.createdAt;
      const status = event.type === "device.online" ? "online" : event.type === "device.offline" ? "offline" : null;
      const firmware = event.type === "device.firmware_updated" ? event.data.firmware : null;
      const statusAt = status === null ? null : at;
      const firmwareAt = firmware == null ? null : at;
      const seenAt = status === "online" || firmware != null ? at : null;
      await withText(sql)`
        INSERT INTO device_statuses AS m (dealer_link_id, chekt_device_id, site_id,
          status, status_at, status_seen_at, firmware, firmware_at, last_seen_at)
        VALUES (${dealerLinkId}, ${d.device_id}, ${d.site_id},
          ${status}, ${statusAt}, ${statusAt}, ${firmware}, ${firmwareAt}, ${seenAt})
        ON CONFLICT (dealer_link_id, chekt_device_id) DO UPDATE SET
          site_id = COALESCE(EXCLUDED.site_id, m.site_id),
          status = ${STATUS},
          status_at = ${STATUS_AT},
          status_seen_at = ${STATUS_SEEN_AT},
          firmware = CASE WHEN EXCLUDED.firmware IS NOT NULL
                           AND (m.firmware_at IS NULL OR EXCLUDED.firmware_at >= m.firmware_at)
                          THEN EXCLUDED.firmware ELSE m.firmware END,
          firmware_at = GREATEST(m.firmware_at, EXCLUDED.firmware_at),
          last_seen_at = GREATEST(m.last_seen_at, EXCLUDED.last_seen_at)`;
      // The mirrored device row too, when the mirror has it (lib/mirror/device-events.ts).
      await applyDeviceEvent(sql, dealerLinkId, event, now);
      await notifyDeviceStatus(sql, { dealerLinkId, deviceId: d.device_id, siteId: d.site_id });
      return { note: `device ${d.device_id} ${status ?? `firmware ${firmware}`}` };
    }
  }
}

async function lockAlarm(sql: Sql, dealerLinkId: string, alarmId: string) {
  await sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${`alarm:${dealerLinkId}:${alarmId}`}, 0))`;
}
