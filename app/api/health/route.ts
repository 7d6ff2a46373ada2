import { prisma } from "@/lib/db";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

type Check = { ok: boolean; latencyMs: number };
const TIMEOUT_MS = 3_000;

async function checkDatabase(): Promise<Check> {
  const start = performance.now();
  try {
    await Promise.race([
      prisma.$queryRaw`select 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS).unref?.()),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - start) };
  }
}

// Reachability only: an unauthenticated GET of the base URL. Any answer below 500 means CHeKT is
// up and reachable; no credentials are sent, so none can leak into this public answer.
async function checkChekt(): Promise<Check & { status: number | null }> {
  const start = performance.now();
  try {
    const res = await fetch(env.CHEKT_API_BASE_URL, {
      method: "GET",
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // Not awaited: on Node 20 cancelling an unread body can stay pending (lib/verifications/snapshot-fetch.ts).
    res.body?.cancel().catch(() => undefined);
    return { ok: res.status < 500, latencyMs: Math.round(performance.now() - start), status: res.status };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - start), status: null };
  }
}

/** Public: `{ status, database, chekt }`; 200 when both answer, 503 otherwise. */
export async function GET() {
  const [database, chekt] = await Promise.all([checkDatabase(), checkChekt()]);
  const ok = database.ok && chekt.ok;
  return Response.json(
    { status: ok ? "ok" : "degraded", database, chekt },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
