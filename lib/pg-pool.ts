import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

/**
 * A pool on the app's database, sized by the env. `name` is its application_name, so
 * pg_stat_activity tells the app's pools apart.
 */
export function appPool(name: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: name,
  });
  // An idle connection the server ended (restart, failover, dropped database) leaves the pool, which
  // opens a new one on the next checkout; unheard, the error would end the process. Prisma's adapter
  // listens only once it has connected.
  pool.on("error", (e) => console.warn(`postgres (${name}): an idle connection ended: ${e.message}`));
  return pool;
}
