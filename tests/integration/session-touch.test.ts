// The request path's last-seen write (lib/auth/session-touch.ts) on real Postgres, through the same
// session checks as sign-in's (lib/auth/sessions.ts checkSessionRecord) with an injected clock: it
// keeps an active session from going idle, writes the clock's instant as UTC wall time, and leaves
// the pool's connection with durable commits for the next statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkSessionRecord,
  createSession,
  SESSION_RECORD_SELECT,
  type SessionPolicy,
  type SessionRecord,
} from "@/lib/auth/sessions";
import type { Clock } from "@/lib/auth/throttle";
import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let lib: typeof import("@/lib/db");
let touch: typeof import("@/lib/auth/session-touch").touchSessionOnPool;
let t = new Date("2026-11-24T08:00:00.000Z").getTime();
const clock: Clock = () => new Date(t);
const policy: SessionPolicy = { idleMs: 10 * 60_000, absoluteMs: 12 * 3600_000 };

beforeAll(async () => {
  db = await createTestDatabase("chekt_session_touch");
  process.env.DATABASE_URL = db.url;
  // One connection: what the touch leaves on it is what the next statement meets.
  process.env.DATABASE_POOL_SIZE = "1";
  lib = await import("@/lib/db");
  touch = (await import("@/lib/auth/session-touch")).touchSessionOnPool;
});

afterAll(async () => {
  await lib?.prisma.$disconnect();
  await db?.drop();
});

async function record(id: string): Promise<SessionRecord> {
  const s = await lib.prisma.authSession.findUniqueOrThrow({
    where: { id },
    select: SESSION_RECORD_SELECT,
  });
  return s;
}

describe("the pool's last-seen touch", () => {
  it("keeps a session in use alive past the idle limit, at the clock's instant", async () => {
    const { prisma } = lib;
    const user = await prisma.user.create({
      data: { email: "toucher@example.com", name: "T", role: "operator", passwordHash: "x" },
    });
    const sid = await createSession(prisma, user.id, "127.0.0.1", policy, clock);
    const claims = { uid: user.id, sid, sv: 0 };
    const check = async () => checkSessionRecord(prisma, await record(sid), claims, policy, clock, touch);

    // Every 6 minutes, 3 times: 18 minutes in all, past the 10-minute idle limit from sign-in.
    for (let i = 0; i < 3; i++) {
      t += 6 * 60_000;
      expect(await check()).toMatchObject({ sessionId: sid });
      expect((await record(sid)).lastSeenAt.toISOString()).toBe(new Date(t).toISOString());
    }
    // The relaxed commit was the touch's own: the next statement on the connection commits durably.
    expect(await lib.sqlText("SHOW synchronous_commit", [])).toEqual([{ synchronous_commit: "on" }]);
    // Idle for the limit now: ended.
    t += policy.idleMs;
    expect(await check()).toBeNull();
    expect((await prisma.authSession.findUniqueOrThrow({ where: { id: sid } })).endReason).toBe("idle");
  });
});
