/**
 * Connecting a dealer exchanges the admin's code at POST /oauth/token, which CHeKT counts on the partner
 * client's bucket like every other call (the simulator's authenticate.ts, as the contract's "token bucket
 * per client" says). The exchange goes through the gateway and spends the shared budget: with the bucket
 * just spent by the console's own calls it waits its turn instead of meeting a 429 that fails the connect.
 * Real Postgres and the simulator over HTTP on CHeKT's free tier.
 */
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { simFile } from "../support/sim-file";
import { clearSimStats, simStats } from "../support/sim-world";
import { DEMO } from "@/simulator/seed";
import { FREE_TIER } from "@/lib/chekt/budget-rules";

const world = simFile("chekt_connect_budget", {
  sim: { config: { rateLimitPerMin: FREE_TIER.perMin, rateLimitBurstPerS: FREE_TIER.burst } },
});

/** Coastal's admin approves on CHeKT's page; the code and verifier the callback would exchange. */
async function approvedCode(redirectUri: string): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(40).toString("base64url");
  const form = new URLSearchParams({
    response_type: "code",
    client_id: DEMO.partner.clientId,
    redirect_uri: redirectUri,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state: "state-0123456789abcdef0123",
    email: DEMO.dealers.coastal.admin,
    password: DEMO.password,
    decision: "approve",
  });
  const res = await fetch(`${world.sim.url}/oauth/authorize`, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(302);
  return { code: new URL(res.headers.get("location")!).searchParams.get("code")!, verifier };
}

describe("the dealer connect's code exchange", () => {
  it("right after the console spent the partner's burst, waits for the budget and gets the admin's token", async () => {
    const { callbackUrl, exchangeCode } = await import("@/lib/chekt/api/oauth");
    const { getDealer } = await import("@/lib/chekt/api/dealers");
    const { code, verifier } = await approvedCode(callbackUrl());
    await clearSimStats(world.sim.url);
    // The partner token and four reads: CHeKT's burst of five, all through the budget.
    for (let i = 0; i < FREE_TIER.burst - 1; i++)
      await getDealer({ dealerId: DEMO.dealers.acme.id }, { budgetClass: "answer" });

    const token = await exchangeCode({ code, verifier, traceId: "4b0c8a64-1d7e-4c55-9f0e-3f1a2b3c4d5e" });
    expect(token.access_token).not.toBe("");
    expect(token.dealer_id).toBe(DEMO.dealers.coastal.id);
    const stats = await simStats(world.sim.url);
    expect(stats.byStatus).toEqual({ "200": FREE_TIER.burst + 1 });
    // Counted where the Settings panel shows the partner's usage: an interactive write.
    const usage = await world.prisma.$queryRawUnsafe<{ calls: number }[]>(
      "SELECT sum(calls)::int AS calls FROM chekt_budget_usage WHERE budget_class = 'write'",
    );
    expect(usage[0]?.calls).toBe(1);
  });
});
