import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { appPool } from "@/lib/pg-pool";

// One pool and one client per process; Next's dev server reloads modules, so keep them on globalThis there.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pgPool?: pg.Pool };

/**
 * The pool Prisma's adapter queries through, shared with `sql()` below: the hot path's raw
 * statements skip Prisma's client engine but not the pool's size limit. prisma.$disconnect() ends
 * the pool, as it did when the adapter made its own.
 */
const pool = globalForPrisma.pgPool ?? appPool("chekt-console");
export const prisma =
  globalForPrisma.prisma ?? new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
if (process.env.NODE_ENV !== "production") Object.assign(globalForPrisma, { prisma, pgPool: pool });

const TIMESTAMP_OID = 1114;
/** Prisma keeps DateTime as UTC wall time in `timestamp` columns; pg alone would read it as local time. */
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary" ? utcTimestamp : pg.types.getTypeParser(oid, format),
};

/** How a hot statement is sent (sql, sqlText). */
export type SqlOptions = {
  /**
   * Sent as a named prepared statement: each pool connection parses it once, and after a few runs
   * Postgres may keep a generic plan, so a repeat skips the parse and often the planning (the
   * session statement plans in ~0.3 ms warm). Only for texts that do not vary with the values: a
   * connection keeps every statement it prepared until it closes.
   */
  prepare?: boolean;
};

// Names by text: the same text is the same statement on every connection (pg refuses one name for
// two texts). Bounded, so a caller that prepares varying texts only stops preparing new ones.
const statementNames = new Map<string, string>();
const MAX_PREPARED = 200;
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `app_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A Date sent as its UTC ISO text: pg alone sends the process's local time with its offset, which a
 * `timestamp` column (Prisma's UTC wall time) would keep as local wall time, so a server outside UTC
 * would write every raw Date off by its offset. Prisma's own queries already send UTC.
 */
const utcValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

function query<T extends object>(text: string, values: unknown[], o?: SqlOptions) {
  const sent = values.map(utcValue);
  return pool.query<T>({ text, values: sent, types, name: o?.prepare ? statementName(text) : undefined });
}

/**
 * A raw statement (Prisma.sql) straight on the pool: one round trip and none of the client
 * engine's per-query work ($queryRaw still goes through it). For the per-request hot path (session
 * check, an action's commit); rows come back as pg reads them, `timestamp` columns as UTC Dates.
 */
export async function sql<T extends object = Record<string, unknown>>(
  q: Prisma.Sql,
  o?: SqlOptions,
): Promise<{ rows: T[]; rowCount: number }> {
  const res = await query<T>(q.text, q.values, o);
  return { rows: res.rows, rowCount: res.rowCount ?? 0 };
}

/** sql() for a statement already written with $n placeholders (lib/chekt/budget-pool.ts): rows only. */
export async function sqlText<T extends object = Record<string, unknown>>(
  text: string,
  values: unknown[],
  o?: SqlOptions,
): Promise<T[]> {
  return (await query<T>(text, values, o)).rows;
}
