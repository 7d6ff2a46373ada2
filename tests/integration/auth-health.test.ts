// GET /api/health against a real Postgres and the real simulator: 200 when both answer, 503 when
// CHeKT is gone, and never a secret in the answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/simulator/server";
import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
/** Undefined once a test has stopped it; the next test starts another. */
let sim: RunningSimulator | undefined;
let simPort = 0;
let GET: typeof import("@/app/api/health/route").GET;

const startSim = () => startSimulator({ port: simPort, host: "127.0.0.1", seed: "demo", dataFile: null });

beforeAll(async () => {
  db = await createTestDatabase("chekt_app_health");
  sim = await startSim();
  simPort = sim.port;
  process.env.DATABASE_URL = db.url;
  process.env.CHEKT_API_BASE_URL = sim.url;
  ({ GET } = await import("@/app/api/health/route"));
});
// The 503 test stops the simulator. lib/env read CHEKT_API_BASE_URL once, on the import above, so
// every other test needs one listening on that same port again, whichever order they run in.
beforeEach(async () => {
  sim ??= await startSim();
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await sim?.close().catch(() => undefined);
  await db?.drop();
});

type Health = {
  status: string;
  database: { ok: boolean; latencyMs: number };
  chekt: { ok: boolean; latencyMs: number; status: number | null };
};

describe("GET /api/health", () => {
  it("is 200 with both checks ok and their latencies", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Health;
    expect(body.status).toBe("ok");
    expect(body.database.ok).toBe(true);
    expect(body.chekt).toMatchObject({ ok: true });
    expect(body.chekt.status).toBeLessThan(500);
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Object.keys(body).sort()).toEqual(["chekt", "database", "status"]);
  });

  it("never includes a configured secret", async () => {
    const text = await (await GET()).text();
    for (const name of [
      "CHEKT_CLIENT_SECRET",
      "CHEKT_API_KEY",
      "CHEKT_WEBHOOK_SECRET",
      "AUTH_SECRET",
      "SECRETS_ENCRYPTION_KEY",
      "DATABASE_URL",
      "CHEKT_CLIENT_ID",
    ]) {
      const value = process.env[name];
      if (value) expect(text, name).not.toContain(value);
    }
  });

  it("is 503 when CHeKT cannot be reached, and says which check failed", async () => {
    await sim?.close();
    sim = undefined;
    const res = await GET();
    expect(res.status).toBe(503);
    const body = (await res.json()) as Health;
    expect(body).toMatchObject({ status: "degraded", database: { ok: true }, chekt: { ok: false, status: null } });
  });
});
