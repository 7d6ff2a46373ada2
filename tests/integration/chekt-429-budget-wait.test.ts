// CHeKT's own 429 with a long Retry-After (its limit lowered before the budget learned it) on the
// two reads a person clicks: a site's Refresh (lib/mirror/actions.ts) and Settings › CHeKT App devices'
// "Read from CHeKT" (actions/settings.ts). The gateway (lib/chekt/transport.ts) records the wait as the
// credential's budget, spent until Retry-After for every class on every instance, and hands the action
// back as budget_wait, which the page counts down ("sending in 20 s") before it reads again by itself.
// It used to sit out the wait until its own limit and show "busy" or a diagnosis instead, asking for
// another click. Real action client, Postgres and simulator over HTTP; Date is the injected clock.
import "../support/console-mocks";
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ADMIN, simStats } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { BudgetWaitTooLong, CallBudget, credentialKey } from "@/lib/chekt/budget";
import { PgBudgetStore } from "@/lib/chekt/budget-pg";
import { INTERACTIVE_REFUSE_OVER_MS } from "@/lib/chekt/budget-wait";
import { FREE_TIER } from "@/lib/chekt/budget-rules";

const world = simFile("chekt_429_wait", { members: [ADMIN], user: ADMIN, faults: true });
let settings: typeof import("@/actions/settings");
let mirror: typeof import("@/lib/mirror/actions");
let pool: pg.Pool | undefined;

/** CHeKT's answer to the next matching read: 429, "come back in 20 s". */
const RETRY_AFTER_S = 20;
const refuseNext = (path: string) =>
  world.fault({ path, method: "GET", rate_429: 1, retry_after_s: RETRY_AFTER_S, count: 1 });
const COUNTDOWN = /^Waiting for CHeKT's rate limit — sending in 20 s\. Nothing has been sent yet\.$/;

const readsOf = async (route: string) => (await simStats(world.sim.url)).byRoute[route] ?? 0;

// Each test starts its clock ten minutes after the last one's: a wait recorded by one is over for the next.
let clockAt = 0;
beforeAll(async () => {
  settings = await import("@/actions/settings");
  mirror = await import("@/lib/mirror/actions");
  vi.useFakeTimers({ toFake: ["Date"] });
  clockAt = Date.now();
});
const nextClock = () => {
  clockAt += 10 * 60_000;
  vi.setSystemTime(clockAt);
};
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

afterAll(async () => {
  vi.useRealTimers();
  await pool?.end();
});

const readDevices = () => settings.loadAppDevicesAction({ dealerLinkId: world.linkId, limit: 5 });

it("App devices' read meets CHeKT's 429: a 20 s countdown, then one read that lists the devices", async () => {
  nextClock();
  // Counted from here: the tests run shuffled, and the other instance's test reads the devices too.
  const before = await readsOf("GET /v1/devices");
  await refuseNext("/v1/devices");
  const refused = await readDevices();
  expect(refused.data).toBeUndefined();
  expect(refused.serverError).toMatchObject({ code: "budget_wait", message: expect.stringMatching(COUNTDOWN) });
  expect(refused.serverError?.retryAfterMs).toBe(RETRY_AFTER_S * 1000);
  expect(await readsOf("GET /v1/devices")).toBe(before + 1);

  // Halfway through, a read (another tab, or a second click) is not sent: the rest of the wait.
  later(10_000);
  const early = await readDevices();
  expect(early.serverError).toMatchObject({ code: "budget_wait", retryAfterMs: 10_000 });
  expect(await readsOf("GET /v1/devices"), "nothing sent while CHeKT holds the key").toBe(before + 1);

  // The countdown's end: the page's own resend goes out once and CHeKT answers.
  later(10_000);
  const sent = await readDevices();
  expect(sent.serverError).toBeUndefined();
  expect(sent.data).toMatchObject({ ok: true, devices: expect.arrayContaining([expect.anything()]) });
  expect(await readsOf("GET /v1/devices")).toBe(before + 2);
});

it("a site's Refresh meets CHeKT's 429: a 20 s countdown, then one read that refreshes the site", async () => {
  nextClock();
  await mirror.refreshMirrorAction({ targets: [{ kind: "sites" }] });
  const site = await world.prisma.mirrorSite.findFirstOrThrow({ where: { dealerLinkId: world.linkId } });
  const refresh = () => mirror.refreshMirrorAction({ targets: [{ kind: "site", chektId: site.chektId }] });
  const route = "GET /partner/v1/dealers/:dealerId/sites/:siteId";
  const before = await readsOf(route);

  await refuseNext("/partner/v1/dealers/*/sites/*");
  const refused = await refresh();
  expect(refused.data).toBeUndefined();
  expect(refused.serverError).toMatchObject({ code: "budget_wait", message: expect.stringMatching(COUNTDOWN) });
  expect(refused.serverError?.retryAfterMs).toBe(RETRY_AFTER_S * 1000);
  expect(await readsOf(route)).toBe(before + 1);

  later(RETRY_AFTER_S * 1000);
  const sent = await refresh();
  expect(sent.serverError).toBeUndefined();
  expect(sent.data).toMatchObject({ gone: false });
  expect(await readsOf(route)).toBe(before + 2);
});

it("another instance (its own budget reader on the same Postgres) waits out the same 429, every class", async () => {
  nextClock();
  const before = await readsOf("GET /v1/devices");
  await refuseNext("/v1/devices");
  expect((await readDevices()).serverError).toMatchObject({ code: "budget_wait" });

  const { resolveApiKey } = await import("@/lib/settings/credentials");
  const apiKey = await resolveApiKey(world.linkId);
  if (!apiKey) throw new Error("Acme has no App key");
  pool = new pg.Pool({ connectionString: world.db.url, max: 2 });
  const db = pool;
  const store = new PgBudgetStore(async (text, values) => (await db.query(text, values)).rows);
  const other = new CallBudget(credentialKey({ type: "api_key", apiKey }), { store, limits: FREE_TIER });

  // Its interactive read is handed back with the same wait, before anything is sent.
  const refusal = await other
    .acquire("read", { deadline: Date.now() + 8_000, refuseOverMs: INTERACTIVE_REFUSE_OVER_MS, judgeAs: "write" })
    .catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(BudgetWaitTooLong);
  expect(refusal).toMatchObject({ refused: true, waitMs: RETRY_AFTER_S * 1000 });
  // Background sync backs off as long, and so does an alarm answer: CHeKT holds the key for everyone.
  expect(await other.estimate("sync")).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000);
  expect(await other.estimate("answer")).toBe(RETRY_AFTER_S * 1000);
  expect(await readsOf("GET /v1/devices"), "only the refused read reached CHeKT").toBe(before + 1);

  later(RETRY_AFTER_S * 1000);
  expect(await other.estimate("answer")).toBe(0);
  expect(await other.estimate("read")).toBe(0);
});
