import { createChektClient, type ChektClientConfig } from "@/lib/chekt/client";
import { ChektError } from "@/lib/chekt/errors";
import { DEMO } from "@/simulator/seed";

/** The ChektError a call ends with; fails the test when the call succeeds or throws anything else. */
export async function caughtChektError(p: Promise<unknown>): Promise<ChektError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ChektError) return e;
    throw e;
  }
  throw new Error("expected a ChektError, the call succeeded");
}

/** The low-level client as the demo partner, against a simulator; timings short enough for tests. */
export function demoPartnerClient(baseUrl: string, over: Partial<ChektClientConfig> = {}) {
  return createChektClient({
    baseUrl,
    auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: DEMO.partner.clientSecret },
    timeoutMs: 3_000,
    deadlineMs: 10_000,
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    ...over,
  });
}
