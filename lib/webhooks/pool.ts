import "server-only";
import pg from "pg";
import { appPool } from "@/lib/pg-pool";
import { pgSql, type Sql } from "./sql";

// The webhook receiver's own small pool (see sql.ts for why not Prisma on this path).
const g = globalThis as unknown as { __chektWebhookPool?: pg.Pool };

export function webhookPool(): pg.Pool {
  if (g.__chektWebhookPool) return g.__chektWebhookPool;
  const pool = appPool("chekt-webhooks");
  g.__chektWebhookPool = pool;
  return pool;
}

/** BEGIN … COMMIT on one pooled connection; ROLLBACK and rethrow on any error. */
export async function inTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await webhookPool().connect();
  try {
    await client.query("BEGIN");
    const out = await fn(pgSql(client));
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export async function closeWebhookPool() {
  const p = g.__chektWebhookPool;
  g.__chektWebhookPool = undefined;
  await p?.end();
}
