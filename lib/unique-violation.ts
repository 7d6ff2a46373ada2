// Reading Postgres's unique violation out of what Prisma throws through @prisma/adapter-pg: the driver
// adapter's error sits in `meta.driverAdapterError.cause` with Postgres's own code and message, whose
// text names the index (the only place the index's name reaches us).
import { isRecord } from "@/lib/is-record";

/** Whether `e` is Postgres refusing a row because the unique index `indexName` already holds its key. */
export function isUniqueViolationOf(e: unknown, indexName: string): boolean {
  if (!isRecord(e) || !isRecord(e.meta)) return false;
  const adapter = e.meta.driverAdapterError;
  const cause = isRecord(adapter) ? adapter.cause : undefined;
  if (!isRecord(cause) || cause.originalCode !== "23505") return false;
  return typeof cause.originalMessage === "string" && cause.originalMessage.includes(`"${indexName}"`);
}
