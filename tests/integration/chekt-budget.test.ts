/**
 * The shared call budget with two separate users of it — two pg pools and two clients, as two app
 * instances would be — against the real simulator on CHeKT's free tier (60 a minute, bursts of 5).
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { simFault } from "../support/sim-world";
import { startTestSimulator } from "../support/simulator";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { DEMO } from "../../simulator/seed";
import type { RunningSimulator } from "../../simulator/server";
import { CallBudget, credentialKey } from "../../lib/chekt/budget";
import { PgBudgetStore } from "../../lib/chekt/budget-pg";
import { FREE_TIER } from "../../lib/chekt/budget-rules";
import type { BudgetClass } from "../../lib/chekt/budget-class";
import { createChektClient, type ChektClient, type ChektClientConfig } from "../../lib/chekt/client";

let db: TestDatabase;
let sim: RunningSimulator;
const pools: pg.Pool[] = [];
const ACME = DEMO.dealers.acme.id;
const AUTH = {
  type: "client_secret",
  clientId: DEMO.partner.clientId,
  clientSecret: DEMO.partner.clientSecret,
} as const;

/** Every request an instance sent to CHeKT, with its send time and status. */
type Sent = { at: number; path: string; status: number };

function instance(sent: Sent[], onEvent?: ChektClientConfig["onEvent"]): { client: ChektClient; budget: CallBudget } {
  const pool = new pg.Pool({ connectionString: db.url, max: 3 });
  pools.push(pool);
  const store = new PgBudgetStore(async (text, values) => (await pool.query(text, values)).rows);
  const budget = new CallBudget(credentialKey(AUTH), { store, limits: FREE_TIER });
  const client = createChektClient({
    baseUrl: sim.url,
    auth: AUTH,
    timeoutMs: 5_000,
    deadlineMs: 60_000,
    budget,
    onEvent,
    fetch: async (input, init) => {
      const at = Date.now();
      const res = await fetch(input, init);
      sent.push({
        at,
        path: new URL(input instanceof Request ? input.url : String(input)).pathname,
        status: res.status,
      });
      return res;
    },
  });
  return { client, budget };
}

const getDealer = (c: ChektClient, budgetClass: BudgetClass) =>
  c.request("GET", "/partner/v1/dealers/{dealerId}", { params: { path: { dealerId: ACME } } }, { budgetClass });

beforeAll(async () => {
  db = await createTestDatabase("chekt_budget");
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  sim = await startTestSimulator({
    config: { rateLimitPerMin: FREE_TIER.perMin, rateLimitBurstPerS: FREE_TIER.burst },
  });
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
  await sim.close();
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query("DELETE FROM chekt_budgets; DELETE FROM chekt_budget_usage");
  await admin.end();
});

describe("two instances share one budget in Postgres", () => {
  it("never exceed the partner's budget by more than one burst, and meet no 429", async () => {
    const sentA: Sent[] = [];
    const sentB: Sent[] = [];
    const a = instance(sentA);
    const b = instance(sentB);
    const started = Date.now();
    // 24 calls at once from two instances (tokens included): five can go at once, then one a second.
    const results = await Promise.all([
      ...Array.from({ length: 12 }, () => getDealer(a.client, "read")),
      ...Array.from({ length: 12 }, () => getDealer(b.client, "read")),
    ]);
    const took = Date.now() - started;
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    const all = [...sentA, ...sentB].sort((x, y) => x.at - y.at);
    const t0 = all[0].at;
    // Sent by each moment, against what the partner's bucket allows by then (burst + rate × time).
    let worstOvershoot = -Infinity;
    all.forEach((s, i) => {
      const allowed = FREE_TIER.burst + ((s.at - t0) / 60_000) * FREE_TIER.perMin;
      worstOvershoot = Math.max(worstOvershoot, i + 1 - allowed);
    });
    const rejected = all.filter((s) => s.status === 429).length;
    console.log(
      `[chekt-budget] 2 instances, ${all.length} requests in ${took} ms: ` +
        `worst overshoot ${worstOvershoot.toFixed(2)} calls over the bucket, ${rejected} × 429`,
    );
    expect(worstOvershoot).toBeLessThanOrEqual(FREE_TIER.burst);
    expect(rejected).toBe(0);
    // Both instances got their share (neither starved the other).
    expect(sentA.length).toBeGreaterThanOrEqual(12);
    expect(sentB.length).toBeGreaterThanOrEqual(12);
    // And the shared row knows how many went out.
    const row = await pools[0].query("SELECT taken FROM chekt_budgets WHERE credential = $1", [credentialKey(AUTH)]);
    expect(Number(row.rows[0].taken)).toBe(all.length);
  }, 60_000);

  it("an answer on one instance is sent before the bulk and sync calls queued on the other", async () => {
    const sentA: Sent[] = [];
    const sentB: Sent[] = [];
    const a = instance(sentA);
    const b = instance(sentB);
    // Spend the burst first (token included), so everything below has to queue.
    await Promise.all(Array.from({ length: 4 }, () => getDealer(b.client, "answer")));
    const order: string[] = [];
    const queued = [
      ...Array.from({ length: 3 }, (_, i) => getDealer(a.client, "bulk").then(() => order.push(`bulk ${i}`))),
      ...Array.from({ length: 3 }, (_, i) => getDealer(a.client, "sync").then(() => order.push(`sync ${i}`))),
    ];
    await new Promise((r) => setTimeout(r, 300));
    // What the shared budget makes an answer wait now: at most one token's refill (1 s on the free tier).
    const answerWaitMs = await b.budget.estimate("answer");
    const askedAt = Date.now();
    const sentBeforeAsk = sentA.length + sentB.length;
    const answer = getDealer(b.client, "answer").then(() => order.push("answer"));
    await answer;
    await Promise.all(queued);
    const t0 = Math.min(...[...sentA, ...sentB].map((s) => s.at));
    const log = [...sentA.map((s) => ({ ...s, i: "A" })), ...sentB.map((s) => ({ ...s, i: "B" }))]
      .sort((x, y) => x.at - y.at)
      .map((s) => `${s.i}+${s.at - t0} ${s.path.split("/").pop()} ${s.status}`);
    console.log(
      `[chekt-budget] answer behind 3 bulk + 3 sync on the other instance: budget wait ${answerWaitMs} ms; ` +
        `order ${order.join(", ")}; requests ${log.join(" | ")}`,
    );
    expect(order[0]).toBe("answer");
    expect(answerWaitMs).toBeGreaterThan(0);
    expect(answerWaitMs).toBeLessThanOrEqual(1_000);
    // The answer was the first request either instance sent after it was asked for.
    const afterAsk = [...sentA, ...sentB].filter((s) => s.at >= askedAt).sort((x, y) => x.at - y.at);
    expect(sentA.length + sentB.length - sentBeforeAsk).toBe(afterAsk.length);
    expect(sentB.includes(afterAsk[0])).toBe(true);
    expect(order.slice(1, 4).every((o) => o.startsWith("bulk"))).toBe(true);
    expect([...sentA, ...sentB].filter((s) => s.status === 429)).toHaveLength(0);
  }, 60_000);

  it("a 429 seen by one instance holds the other until Retry-After, and both count it", async () => {
    const sentA: Sent[] = [];
    const sentB: Sent[] = [];
    let blocked = () => {};
    const aBlocked = new Promise<void>((r) => (blocked = r));
    // A reports the 429 once it has written the block into the shared row.
    const a = instance(sentA, (e) => e.type === "rate_limited" && blocked());
    const b = instance(sentB);
    await getDealer(a.client, "read"); // token + one call
    // CHeKT refuses the next call of A with Retry-After (the simulator's bucket spent behind our back).
    await simFault(sim.url, { path: "/partner/v1/dealers/*", method: "GET", rate_429: 1, count: 1 });
    const first = getDealer(a.client, "read");
    await aBlocked;
    await getDealer(b.client, "answer");
    await first;
    const refused = sentA.find((s) => s.status === 429);
    expect(refused).toBeDefined();
    // B (which saw no 429 itself) did not send before A's Retry-After (the simulator says 1 s at least).
    const bSent = sentB.filter((s) => s.path.startsWith("/partner")).at(-1)!;
    expect(bSent.at - refused!.at).toBeGreaterThanOrEqual(900);
    // B was held back by its budget (its own clock's count of the wait), not by the simulator.
    expect(b.budget.waitedMsTotal).toBeGreaterThan(0);
    const usage = await pools[0].query("SELECT sum(rate_limited)::int AS n FROM chekt_budget_usage");
    expect(usage.rows[0].n).toBe(1);
  }, 30_000);

  it("the database going away does not stop calls: they are paced locally meanwhile", async () => {
    const sent: Sent[] = [];
    const pool = new pg.Pool({
      connectionString: "postgres://postgres@127.0.0.1:1/none",
      max: 1,
      connectionTimeoutMillis: 200,
    });
    pools.push(pool);
    const warnings: unknown[] = [];
    const budget = new CallBudget(credentialKey(AUTH), {
      store: new PgBudgetStore(async (t, v) => (await pool.query(t, v)).rows),
      limits: FREE_TIER,
      onStoreError: (e) => warnings.push(e),
    });
    const client = createChektClient({
      baseUrl: sim.url,
      auth: AUTH,
      budget,
      fetch: async (i, init) => {
        const res = await fetch(i, init);
        sent.push({ at: Date.now(), path: "", status: res.status });
        return res;
      },
    });
    const r = await getDealer(client, "read");
    expect(r.response.status).toBe(200);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
