// Applies one parsed CHeKT event to Postgres, inside the caller's transaction.
// Tenancy: every row is keyed by (dealer link, CHeKT id) and every statement names the dealer link
// the delivery was verified for, so a delivery for one dealer never reads, changes or hides
// another dealer's alarm, verification, snapshot or device status, whatever ids it carries.
// Order-proof by construction: every write is an upsert that only moves state forward, and all
// events about one alarm take the same transaction-scoped advisory lock, so a resolve racing a
// verification.requested cannot leave a pending verification on a resolved alarm.
import { applyDeviceEvent } from "@/lib/mirror/device-events";
import type { ParsedEvent } from "./events";
import { notifyVerification, notifyDeviceStatus, VERIFICATIONS_CHANNEL, type VerificationNotice } from "./notify";
import type { Sql } from "./sql";


export type ApplyOutcome = { note: string; verifications: VerificationNotice[] };

// Alarm states in the only order they may move.
const ALARM_ORDER = ["open", "acknowledged", "dispatched", "resolved"] as const;
type AlarmState = (typeof ALARM_ORDER)[number];

export async function applyEvent(sql: Sql, dealerLinkId: string, event: ParsedEvent, now = new Date()): Promise<ApplyOutcome> {
  // `notices` still need a NOTIFY; `notified` were already sent by the statement that found them.
  const notices: VerificationNotice[] = [];
  const notified: VerificationNotice[] = [];
  const done = async (note: string) => {
    for (const n of notices) await notifyVerification(sql, n);
    return { note, verifications: [...notified, ...notices] };
  };

  switch (event.type) {
    case "alarm.created": {
      const d = event.data;
      await lockAlarm(sql, dealerLinkId, d.alarm_id);
      await sql`
        INSERT INTO alarms (id, dealer_link_id, site_id, device_id, priority, "trigger", location, snapshot_url, state, seen_created, created_at, updated_at)
        VALUES (${d.alarm_id}, ${dealerLinkId}, ${d.site_id}, ${d.device_id}, ${d.priority}, ${d.trigger}, ${d.location}, ${d.snapshot_url}, 'open', true, ${event.createdAt}, ${now})
        ON CONFLICT (dealer_link_id, id) DO UPDATE SET
          site_id = COALESCE(EXCLUDED.site_id, alarms.site_id),
          device_id = COALESCE(EXCLUDED.device_id, alarms.device_id),
          priority = COALESCE(EXCLUDED.priority, alarms.priority),
          "trigger" = COALESCE(EXCLUDED."trigger", alarms."trigger"),
          location = COALESCE(EXCLUDED.location, alarms.location),
          snapshot_url = COALESCE(EXCLUDED.snapshot_url, alarms.snapshot_url),
          seen_created = true,
          created_at = EXCLUDED.created_at,
          updated_at = EXCLUDED.updated_at`;
      notified.push(...(await openVerificationsOf(sql, dealerLinkId, d.alarm_id, now)));
      return done(`alarm ${d.alarm_id} created`);
    }

    case "alarm.acknowledged":
    case "alarm.dispatched":
    case "alarm.resolved": {
      const d = event.data;
      const target: AlarmState = event.type === "alarm.acknowledged" ? "acknowledged" : event.type === "alarm.dispatched" ? "dispatched" : "resolved";
      const resolution = event.type === "alarm.resolved" ? event.data.resolution : null;
      const notes = event.type === "alarm.resolved" ? event.data.notes : null;
      await lockAlarm(sql, dealerLinkId, d.alarm_id);
      // An alarm we have not seen created yet gets a placeholder row that alarm.created fills in later.
      const rows = await sql<{ state: string }>`
        INSERT INTO alarms (id, dealer_link_id, state, resolution, notes, seen_created, updated_at)
        VALUES (${d.alarm_id}, ${dealerLinkId}, ${target}, ${resolution}, ${notes}, false, ${now})
        ON CONFLICT (dealer_link_id, id) DO UPDATE SET
          state = CASE
            WHEN array_position(${ALARM_ORDER as unknown as string[]}::text[], EXCLUDED.state) > array_position(${ALARM_ORDER as unknown as string[]}::text[], alarms.state)
            THEN EXCLUDED.state ELSE alarms.state END,
          resolution = COALESCE(EXCLUDED.resolution, alarms.resolution),
          notes = COALESCE(EXCLUDED.notes, alarms.notes),
          updated_at = EXCLUDED.updated_at
        RETURNING state`;
      if (target === "resolved") {
        // Cancel and NOTIFY in one statement (one round trip, same transaction).
        const cancelled = await sql<{ id: string; state: string }>`
          WITH c AS (
            UPDATE verifications SET state = 'cancelled', updated_at = ${now}
            WHERE dealer_link_id = ${dealerLinkId} AND alarm_id = ${d.alarm_id} AND state IN ('pending', 'claimed')
            RETURNING id, dealer_link_id, state::text AS state)
          SELECT id, state, pg_notify(${VERIFICATIONS_CHANNEL}, json_build_object('id', id, 'dealer', dealer_link_id, 'state', state, 'at', ${now.getTime()}::bigint)::text) FROM c`;
        notified.push(...cancelled.map((r) => ({ id: r.id, dealerLinkId, state: r.state, alarmId: d.alarm_id })));
      } else {
        notified.push(...(await openVerificationsOf(sql, dealerLinkId, d.alarm_id, now)));
      }
      return done(`alarm ${d.alarm_id} ${target === rows[0]?.state ? target : `stays ${rows[0]?.state}`}`);
    }

    case "verification.requested": {
      const d = event.data;
      if (d.alarm_id) await lockAlarm(sql, dealerLinkId, d.alarm_id);
      // A verification for an alarm already resolved is born cancelled; one already past its
      // deadline (seen late through catch-up) is born expired. Otherwise it waits for an operator.
      let initial = "pending";
      if (d.alarm_id) {
        const alarm = await sql<{ state: string }>`SELECT state FROM alarms WHERE dealer_link_id = ${dealerLinkId} AND id = ${d.alarm_id}`;
        if (alarm[0]?.state === "resolved") initial = "cancelled";
      }
      if (initial === "pending" && d.expires_at.getTime() <= now.getTime()) initial = "expired";
      const inserted = await sql<{ id: string; state: string }>`
        INSERT INTO verifications (id, dealer_link_id, alarm_id, site_id, device_id, zone_number, contact_id, event_code, description, occurred_at, expires_at, state, created_at, updated_at)
        VALUES (${d.verification_id}, ${dealerLinkId}, ${d.alarm_id}, ${d.site_id}, ${d.device_id}, ${d.zone_number}, ${d.contact_id}, ${d.event_code}, ${d.description}, ${d.occurred_at}, ${d.expires_at}, ${initial}::"VerificationState", ${now}, ${now})
        ON CONFLICT (dealer_link_id, id) DO NOTHING
        RETURNING id, state::text AS state`;
      if (inserted.length === 0) return done(`verification ${d.verification_id} already known`);
      notices.push({ id: d.verification_id, dealerLinkId, state: inserted[0].state, alarmId: d.alarm_id });
      return done(`verification ${d.verification_id} opened as ${inserted[0].state}`);
    }

    case "snapshot.created": {
      const d = event.data;
      const inserted = await sql`
        INSERT INTO snapshots (id, dealer_link_id, alarm_id, site_id, device_id, url, captured_at, created_at)
        VALUES (${d.snapshot_id}, ${dealerLinkId}, ${d.alarm_id}, ${d.site_id}, ${d.device_id}, ${d.url}, ${d.captured_at ?? event.createdAt}, ${now})
        ON CONFLICT (dealer_link_id, id) DO NOTHING
        RETURNING id`;
      // Joined to its alarm by alarm_id when read, so a snapshot that arrives first simply waits.
      if (d.alarm_id) notified.push(...(await openVerificationsOf(sql, dealerLinkId, d.alarm_id, now)));
      return done(inserted.length ? `snapshot ${d.snapshot_id} stored` : `snapshot ${d.snapshot_id} already known`);
    }

    case "device.online":
    case "device.offline":
    case "device.firmware_updated": {
      const d = event.data;
      const at = d.at ?? event.createdAt;
      const status = event.type === "device.online" ? "online" : event.type === "device.offline" ? "offline" : null;
      const firmware = event.type === "device.firmware_updated" ? event.data.firmware : null;
      // Status and firmware each keep the newest value by event time, whatever the arrival order.
      await sql`
        INSERT INTO device_statuses (dealer_link_id, chekt_device_id, site_id, status, firmware, at)
        VALUES (${dealerLinkId}, ${d.device_id}, ${d.site_id}, ${status}, ${firmware}, ${at})
        ON CONFLICT (dealer_link_id, chekt_device_id) DO UPDATE SET
          site_id = COALESCE(EXCLUDED.site_id, device_statuses.site_id),
          status = CASE WHEN EXCLUDED.status IS NOT NULL AND (device_statuses.status IS NULL OR EXCLUDED.at >= device_statuses.at)
                        THEN EXCLUDED.status ELSE device_statuses.status END,
          firmware = CASE WHEN EXCLUDED.firmware IS NOT NULL AND (device_statuses.firmware IS NULL OR EXCLUDED.at >= device_statuses.at)
                          THEN EXCLUDED.firmware ELSE device_statuses.firmware END,
          at = GREATEST(EXCLUDED.at, device_statuses.at)`;
      // The mirrored device row too, when the mirror has it (lib/mirror/device-events.ts).
      await applyDeviceEvent(sql, dealerLinkId, event, now);
      await notifyDeviceStatus(sql, { dealerLinkId, deviceId: d.device_id, siteId: d.site_id });
      return done(`device ${d.device_id} ${status ?? `firmware ${firmware}`}`);
    }
  }
}

async function lockAlarm(sql: Sql, dealerLinkId: string, alarmId: string) {
  await sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${`alarm:${dealerLinkId}:${alarmId}`}, 0))`;
}

/** NOTIFYs every open verification of the alarm (new details or snapshot to show) in one statement. */
async function openVerificationsOf(sql: Sql, dealerLinkId: string, alarmId: string, now: Date): Promise<VerificationNotice[]> {
  const rows = await sql<{ id: string; state: string }>`
    SELECT id, state::text AS state,
           pg_notify(${VERIFICATIONS_CHANNEL}, json_build_object('id', id, 'dealer', dealer_link_id, 'state', state, 'at', ${now.getTime()}::bigint)::text)
    FROM verifications
    WHERE dealer_link_id = ${dealerLinkId} AND alarm_id = ${alarmId} AND state IN ('pending', 'claimed')`;
  return rows.map((r) => ({ id: r.id, dealerLinkId, state: r.state, alarmId }));
}
