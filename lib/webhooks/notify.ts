// Postgres NOTIFY inside the writer's transaction: delivered to every LISTENing app instance
// only if (and when) the change commits, so a page never hears about a write that rolled back.
import { z } from "zod";
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

/** One verification on the channel: alone, or as an entry of a batch's `items`. */
const noticeEntry = z.object({ id: z.string(), state: z.string() });
/** Either shape's frame: the dealer is required; a batch's `items` that is not a list is read as no batch. */
const noticeFrame = z.object({
  dealer: z.string(),
  at: z.number().optional().catch(undefined),
  items: z.array(z.unknown()).optional().catch(undefined),
});

/** Either shape on the channel: one verification, or a batch listing several of one dealer. */
export function parseVerificationMessages(payload: string | undefined): VerificationMessage[] {
  if (!payload) return [];
  let m: unknown;
  try {
    m = JSON.parse(payload);
  } catch {
    // A foreign NOTIFY on our channel is ignored, never fatal to the listener.
    return [];
  }
  const frame = noticeFrame.safeParse(m);
  if (!frame.success) return [];
  const { dealer, at = Date.now(), items } = frame.data;
  const one = (x: unknown) => {
    const entry = noticeEntry.safeParse(x);
    return entry.success ? [{ id: entry.data.id, dealer, state: entry.data.state, at }] : [];
  };
  return items ? items.flatMap(one) : one(m);
}
