import "server-only";
import { sqlText } from "@/lib/db";
import type { SqlRunner } from "./budget-pg";

/**
 * The budget store's statements straight on the pool Prisma's adapter uses (lib/db.ts), past the
 * client engine: a token is taken before every CHeKT call, and `$queryRawUnsafe` cost about 1 ms
 * of CPU more per statement than the pool (docs/operations.md, "Fourth round: action path").
 * Dates go as ISO strings: `…Z` cast to `timestamp` is the UTC wall time the columns hold,
 * whatever the process's time zone (pg would send a Date in local time).
 */
export const poolBudgetRunner: SqlRunner = (text, values) =>
  sqlText(
    text,
    values.map((v) => (v instanceof Date ? v.toISOString() : v)),
    // The store's texts are fixed (budget-pg.ts): prepared once per connection.
    { prepare: true },
  );
