// Postgres NOTIFY inside the writer's transaction: delivered to every LISTENing app instance
// only if (and when) the change commits, so a page never hears about a write that rolled back.
import type { Prisma } from "@/lib/generated/prisma/client";
import { prismaSql, type Sql } from "./sql";

type Tx = Prisma.TransactionClient;

function asSql(db: Tx | Sql): Sql {
  return typeof db === "function" ? db : prismaSql(db);
}

export const VERIFICATIONS_CHANNEL = "verifications";
export const DEVICE_STATUS_CHANNEL = "device_statuses";

export type VerificationNotice = { id: string; dealerLinkId: string; state: string; alarmId?: string | null };
export type DeviceStatusNotice = { dealerLinkId: string; deviceId: number; siteId: number | null };

export async function notifyVerification(db: Tx | Sql, notice: VerificationNotice) {
  const payload = JSON.stringify({ id: notice.id, dealer: notice.dealerLinkId, state: notice.state, at: Date.now() });
  await asSql(db)`SELECT 1 AS sent FROM pg_notify(${VERIFICATIONS_CHANNEL}, ${payload})`;
}

export async function notifyDeviceStatus(db: Tx | Sql, notice: DeviceStatusNotice) {
  const payload = JSON.stringify({ dealer: notice.dealerLinkId, device: notice.deviceId, site: notice.siteId });
  await asSql(db)`SELECT 1 AS sent FROM pg_notify(${DEVICE_STATUS_CHANNEL}, ${payload})`;
}

/**
 * Announces several verifications of one dealer in ONE notify (the webhook path batches them; the
 * SQL function webhook_ingest sends the same shape): `{dealer, at, items: [{id, state}]}`.
 * At most 50 ids a message, so a payload stays far below NOTIFY's 8000-byte limit.
 */
export async function notifyVerifications(db: Tx | Sql, dealerLinkId: string, items: { id: string; state: string }[]) {
  for (let i = 0; i < items.length; i += 50) {
    const list = items.slice(i, i + 50).map((n) => ({ id: n.id, state: n.state }));
    const payload = JSON.stringify({ dealer: dealerLinkId, at: Date.now(), items: list });
    await asSql(db)`SELECT 1 AS sent FROM pg_notify(${VERIFICATIONS_CHANNEL}, ${payload})`;
  }
}

/** What LISTENers receive on the verifications channel, one per verification. */
export type VerificationMessage = { id: string; dealer: string; state: string; at: number };

/** Either shape on the channel: one verification, or a batch listing several of one dealer. */
export function parseVerificationMessages(payload: string | undefined): VerificationMessage[] {
  if (!payload) return [];
  try {
    const m = JSON.parse(payload) as { id?: unknown; dealer?: unknown; state?: unknown; at?: unknown; items?: unknown };
    if (typeof m.dealer !== "string") return [];
    const at = typeof m.at === "number" ? m.at : Date.now();
    const dealer = m.dealer;
    const one = (x: { id?: unknown; state?: unknown }) =>
      typeof x.id === "string" && typeof x.state === "string" ? [{ id: x.id, dealer, state: x.state, at }] : [];
    if (Array.isArray(m.items)) return m.items.flatMap((x) => (x && typeof x === "object" ? one(x) : []));
    return one(m);
  } catch {
    // A foreign NOTIFY on our channel is ignored, never fatal to the listener.
    return [];
  }
}
