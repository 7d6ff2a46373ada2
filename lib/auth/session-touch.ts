import "server-only";
import { sql } from "@/lib/db";
import { touchSessionSql, type TouchSession } from "./sessions";

/**
 * The once-a-minute last-seen write of a signed-in request (lib/auth/sessions.ts checkSessionRecord):
 * touchSessionSql straight on the pool as a prepared statement, without Prisma's client engine.
 */
export const touchSessionOnPool: TouchSession = async (sessionId, at) => {
  await sql(touchSessionSql(sessionId, at), { prepare: true });
};
