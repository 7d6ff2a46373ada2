import "server-only";
import { sql } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RELAXED_COMMIT } from "@/lib/relaxed-commit";
import type { TouchSession } from "./sessions";

/**
 * The once-a-minute last-seen write of a signed-in request (lib/auth/sessions.ts checkSessionRecord),
 * straight on the pool as a prepared statement, without Prisma's client engine, and committed
 * without waiting for the WAL (lib/relaxed-commit.ts): a crash losing it leaves last_seen_at at most
 * a minute and a fraction of a second older, so an idle session could end that much earlier.
 */
export const touchSessionOnPool: TouchSession = async (sessionId, at) => {
  // Like lib/actions/statements.ts: the column is UTC wall time, whatever the process's time zone.
  await sql(
    Prisma.sql`UPDATE auth_sessions SET last_seen_at = ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'
               WHERE id = ${sessionId} RETURNING ${Prisma.raw(RELAXED_COMMIT)}`,
    { prepare: true },
  );
};
