import { prisma } from "@/lib/db";
import { chektReachability, withTimeout } from "@/lib/health/chekt-reachability";

export const dynamic = "force-dynamic";

type Check = { ok: boolean; latencyMs: number };
const TIMEOUT_MS = 3_000;

async function checkDatabase(): Promise<Check> {
  const start = performance.now();
  try {
    await withTimeout(prisma.$queryRaw`select 1`, TIMEOUT_MS);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - start) };
  }
}

/**
 * Public: `{ status, database, chekt }`; 200 when both answer, 503 otherwise. The database is asked
 * on every probe; CHeKT's answer is the shared last check, at most CHEKT_CHECK_TTL_MS old (docs/app-foundation.md).
 */
export async function GET() {
  const [database, chekt] = await Promise.all([checkDatabase(), chektReachability()]);
  const ok = database.ok && chekt.ok;
  return Response.json(
    { status: ok ? "ok" : "degraded", database, chekt },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
