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

/** How a scripted CHeKT answers a request; `sent` is every request so far, as in scriptedChektClient, this one last. */
export type ScriptedAnswer = (req: Request, sent: readonly string[]) => Response | Promise<Response>;

/**
 * The low-level client against a CHeKT that `answer` plays in the test's own process (nothing is dialled); no
 * credential unless `over` names one. `sent` lists each request it made as "METHOD /path", in order (a test may empty
 * it).
 */
export function scriptedChektClient(answer: ScriptedAnswer, over: Partial<ChektClientConfig> = {}) {
  const sent: string[] = [];
  const client = createChektClient({
    baseUrl: "http://chekt.test",
    auth: { type: "none" },
    ...over,
    fetch: async (input, init) => {
      const req = input instanceof Request ? input : new Request(String(input), init);
      sent.push(`${req.method} ${new URL(req.url).pathname}`);
      return answer(req, sent);
    },
  });
  return { client, sent };
}
