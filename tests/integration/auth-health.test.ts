// GET /api/health against a real Postgres and the real simulator: 200 when both answer, 503 when
// CHeKT is gone, never a secret in the answer, and CHeKT asked at most once a window however often
// (and on however many instances) the probe comes (lib/health/chekt-reachability.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/simulator/server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { clearSimStats, simStats } from "../support/sim-world";

let db: TestDatabase;
/** Undefined once a test has stopped it; the next test starts another. */
let sim: RunningSimulator | undefined;
let simPort = 0;
let GET: typeof import("@/app/api/health/route").GET;
let reach: typeof import("@/lib/health/chekt-reachability");

const startSim = () => startSimulator({ port: simPort, host: "127.0.0.1", seed: "demo", dataFile: null });

beforeAll(async () => {
  db = await createTestDatabase("chekt_app_health");
  sim = await startSim();
  simPort = sim.port;
  process.env.DATABASE_URL = db.url;
  process.env.CHEKT_API_BASE_URL = sim.url;
  ({ GET } = await import("@/app/api/health/route"));
  reach = await import("@/lib/health/chekt-reachability");
});
// The 503 test stops the simulator. lib/env read CHEKT_API_BASE_URL once, on the import above, so
// every other test needs one listening on that same port again, whichever order they run in.
// Each test starts with a stale stored check (a result, long expired) and no count of calls yet.
beforeEach(async () => {
  sim ??= await startSim();
  const { prisma } = await import("@/lib/db");
  await prisma.$executeRaw`
    INSERT INTO health_checks (name, ok, status, checked_at_ms) VALUES ('chekt', true, 404, 1)
    ON CONFLICT (name) DO UPDATE SET checked_at_ms = 1, claimed_at_ms = 0`;
  await clearSimStats(sim.url);
});

/** Requests CHeKT (the simulator) answered on its base URL since the test began: the health probe's. */
async function baseUrlCalls(): Promise<number> {
  return (await simStats(sim!.url)).byRoute["GET /"] ?? 0;
}
afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await sim?.close().catch(() => undefined);
  await db?.drop();
});

type Health = {
  status: string;
  database: { ok: boolean; latencyMs: number };
  chekt: { ok: boolean; latencyMs: number; status: number | null; checkedAt: string };
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

  it("asks CHeKT once for a run of probes: the rest answer the shared check", async () => {
    for (let i = 0; i < 5; i++) expect((await GET()).status).toBe(200);
    await Promise.all(Array.from({ length: 5 }, () => GET()));
    expect(await baseUrlCalls()).toBe(1);
    const body = (await (await GET()).json()) as Health;
    expect(body.chekt).toMatchObject({ ok: true });
    expect(Date.parse(body.chekt.checkedAt)).not.toBeNaN();
  });
});

describe("chektReachability (injected clock)", () => {
  // Far past any stored check, so the first call of each test finds it stale.
  const T0 = Date.UTC(2100, 0, 1);
  const TTL = 30_000;

  it("checks once per window, whichever instance asks, and again once the window is over", async () => {
    expect(reach.CHEKT_CHECK_TTL_MS).toBe(TTL);
    let t = T0;
    const now = () => t;
    const first = await reach.chektReachability({ now });
    expect(first).toMatchObject({ ok: true, checkedAt: new Date(T0).toISOString() });
    for (const at of [T0 + 1, T0 + TTL / 2, T0 + TTL - 1]) {
      t = at;
      // Five probes at once, as from five instances behind a load balancer.
      const answers = await Promise.all(Array.from({ length: 5 }, () => reach.chektReachability({ now })));
      for (const a of answers) expect(a).toEqual(first);
    }
    expect(await baseUrlCalls()).toBe(1);
    t = T0 + TTL;
    const next = await reach.chektReachability({ now });
    expect(next.checkedAt).toBe(new Date(T0 + TTL).toISOString());
    expect(await baseUrlCalls()).toBe(2);
  });

  it("while one instance is checking, the others answer the last check instead of asking too", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let probes = 0;
    const probe = async () => {
      probes += 1;
      await held;
      return { ok: false, latencyMs: 3000, status: null };
    };
    const now = () => T0 + 10 * TTL;
    const checking = reach.chektReachability({ now, probe });
    await expect.poll(() => probes).toBe(1);
    // The stored check is stale (beforeEach) but claimed: the last result it holds is the answer.
    const meanwhile = await reach.chektReachability({ now, probe });
    expect(meanwhile.checkedAt).toBe(new Date(1).toISOString());
    expect(probes).toBe(1);
    release();
    expect(await checking).toMatchObject({ ok: false, status: null });
    expect(await reach.chektReachability({ now, probe })).toMatchObject({ ok: false, status: null });
    expect(probes).toBe(1);
  });
});
