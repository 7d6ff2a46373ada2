// One tagged-template SQL function that runs on either a Prisma transaction or a raw `pg` client.
// The webhook hot path uses a plain pg pool: measured here, a 6-statement transaction costs about
// 1.5-4 ms through pg and 12-16 ms through Prisma's interactive transaction, and a webhook burst is
// exactly that shape. Everything else keeps using Prisma.
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

export type Sql = <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<T[]>;

/** Prisma transaction client → Sql (parameters bound by Prisma). */
export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return <T>(strings: TemplateStringsArray, ...values: unknown[]) => tx.$queryRaw<T[]>(strings, ...values);
}

/** pg client → Sql: `${v}` becomes $n. Dates are sent as UTC ISO strings, which is what the
 * TIMESTAMP(3) (without time zone) columns Prisma writes hold, whatever this process's TZ is. */
export function pgSql(client: pg.ClientBase): Sql {
  return async <T>(strings: TemplateStringsArray, ...values: unknown[]) => {
    let text = strings[0];
    for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
    const params = values.map((v) => (v instanceof Date ? v.toISOString() : v));
    const res = await client.query(text, params);
    return res.rows as T[];
  };
}
