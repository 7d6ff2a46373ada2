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

/** What LISTENers receive on the verifications channel. */
export type VerificationMessage = { id: string; dealer: string; state: string; at: number };

export function parseVerificationMessage(payload: string | undefined): VerificationMessage | null {
  if (!payload) return null;
  try {
    const m = JSON.parse(payload) as Partial<VerificationMessage>;
    if (typeof m.id === "string" && typeof m.dealer === "string" && typeof m.state === "string") {
      return { id: m.id, dealer: m.dealer, state: m.state, at: typeof m.at === "number" ? m.at : Date.now() };
    }
  } catch {
    // A foreign NOTIFY on our channel is ignored, never fatal to the listener.
  }
  return null;
}
