import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";

/** What GET /api/health says about CHeKT: the last check's answer and when it was made (ISO). */
export type ChektReach = { ok: boolean; latencyMs: number; status: number | null; checkedAt: string };
type Probe = Omit<ChektReach, "checkedAt">;

/**
 * How long one check answers every probe, on every instance. A load balancer probing each instance
 * every few seconds then costs CHeKT two requests a minute in all, however many instances there are.
 */
export const CHEKT_CHECK_TTL_MS = 30_000;
/** The instance that took the next check and has not stored it after this long (it died) is replaced. */
const CLAIM_MS = 10_000;
const PROBE_TIMEOUT_MS = 3_000;
/** The shared row's reads and writes give up after this; the route's own database check says why. */
const DB_TIMEOUT_MS = 3_000;
const ROW = "chekt";

export type ReachDeps = { now: () => number; probe: () => Promise<Probe> };

// Reachability only: an unauthenticated GET of the base URL. Any answer below 500 means CHeKT is
// up and reachable; no credentials are sent, so none can leak into the public answer.
async function probeChekt(): Promise<Probe> {
  const start = performance.now();
  try {
    const res = await fetch(env.CHEKT_API_BASE_URL, {
      method: "GET",
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    // Not awaited: on Node 20 cancelling an unread body can stay pending (lib/verifications/snapshot-fetch.ts).
    res.body?.cancel().catch(() => undefined);
    return { ok: res.status < 500, latencyMs: Math.round(performance.now() - start), status: res.status };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - start), status: null };
  }
}

type Row = { ok: boolean; status: number | null; latency_ms: number; checked_at_ms: number };
const asReach = (r: Row): ChektReach => ({
  ok: r.ok,
  latencyMs: r.latency_ms,
  status: r.status,
  checkedAt: new Date(r.checked_at_ms).toISOString(),
});

/** `work`, or a rejection once `ms` have passed: a probe must answer even when Postgres hangs. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref?.()),
  ]);
}

// This instance's last check, answered while Postgres does not (the shared row cannot be read).
let local: ChektReach | undefined;

/**
 * CHeKT's reachability for GET /api/health: the shared last check (health_checks) while it is younger
 * than CHEKT_CHECK_TTL_MS, else a new one. One instance at a time takes the new check on itself (a
 * conditional upsert); the others answer the last result meanwhile, so a probe never waits on another's.
 */
export async function chektReachability({
  now: clock = Date.now,
  probe = probeChekt,
}: Partial<ReachDeps> = {}): Promise<ChektReach> {
  const now = clock();
  let shared: { claimed: boolean; last: ChektReach | null } | null = null;
  try {
    shared = await withTimeout(sharedCheck(now), DB_TIMEOUT_MS);
  } catch {
    // Postgres does not answer: this instance's own last check stands in for the shared one.
  }
  if (shared?.last) return shared.last;
  if (!shared && local && now - Date.parse(local.checkedAt) < CHEKT_CHECK_TTL_MS) return local;
  const checked = await probe();
  const checkedAtMs = clock();
  local = { ...checked, checkedAt: new Date(checkedAtMs).toISOString() };
  if (shared?.claimed)
    await withTimeout(
      prisma.$executeRaw`
        UPDATE health_checks SET ok = ${checked.ok}, status = ${checked.status}, latency_ms = ${checked.latencyMs},
          checked_at_ms = ${checkedAtMs}, claimed_at_ms = 0
        WHERE name = ${ROW}`,
      DB_TIMEOUT_MS,
    ).catch(() => undefined);
  return local;
}

/**
 * Whether this instance takes the next check (the stored one is stale and no other instance has it),
 * else the stored check: null while the first one is still under way on another instance.
 */
async function sharedCheck(now: number): Promise<{ claimed: boolean; last: ChektReach | null }> {
  const claimed = await prisma.$queryRaw<unknown[]>`
    INSERT INTO health_checks (name, claimed_at_ms) VALUES (${ROW}, ${now})
    ON CONFLICT (name) DO UPDATE SET claimed_at_ms = EXCLUDED.claimed_at_ms
      WHERE health_checks.checked_at_ms <= ${now - CHEKT_CHECK_TTL_MS}
        AND health_checks.claimed_at_ms <= ${now - CLAIM_MS}
    RETURNING name`;
  if (claimed.length > 0) return { claimed: true, last: null };
  const [row] = await prisma.$queryRaw<Row[]>`
    SELECT ok, status, latency_ms, checked_at_ms FROM health_checks WHERE name = ${ROW}`;
  return { claimed: false, last: row && row.checked_at_ms > 0 ? asReach(row) : null };
}
