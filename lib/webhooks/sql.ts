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

/** Fixed SQL text (written by code, never from a request) for `withText`. */
export class SqlText {
  constructor(readonly text: string) {}
}

/**
 * A tag of this file with SqlText values spliced into the statement as text; every other value stays
 * a parameter. So a fragment built once as text (lib/mirror/status-spell.ts) serves a tagged statement.
 */
export function withText(sql: Sql): Sql {
  return <T>(strings: TemplateStringsArray, ...values: unknown[]) => {
    const parts = [strings[0] ?? ""];
    const params: unknown[] = [];
    values.forEach((v, i) => {
      const next = strings[i + 1] ?? "";
      if (v instanceof SqlText) parts[parts.length - 1] += v.text + next;
      else {
        params.push(v);
        parts.push(next);
      }
    });
    return sql<T>(Object.assign(parts, { raw: parts }), ...params);
  };
}
