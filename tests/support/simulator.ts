// The CHeKT simulator for an integration test file: the real HTTP server, in-process, on a port
// the OS picks, with the demo world and test-friendly timings. Close it in afterAll.
import { startSimulator, type RunningSimulator, type StartOptions } from "@/simulator/server";

/** Far above CHeKT's free tier: 429s then come only from the faults a test injects (pacing: chekt-budget). */
export const NO_RATE_LIMIT = { rateLimitPerMin: 100_000, rateLimitBurstPerS: 10_000 };

export type TestSimulatorOptions = Omit<StartOptions, "port" | "host"> & {
  /** Where dealer 1's CHeKT App posts webhooks (sets APP_URL before the demo seed reads it). */
  appUrl?: string;
};

export async function startTestSimulator(opts: TestSimulatorOptions = {}): Promise<RunningSimulator> {
  if (opts.appUrl) process.env.APP_URL = opts.appUrl;
  const { appUrl: _ignored, ...rest } = opts;
  return startSimulator({
    seed: "demo",
    dataFile: null,
    ...rest,
    port: 0,
    host: "127.0.0.1",
    config: {
      // Webhook retries in milliseconds, every answer checked against the OpenAPI document.
      webhookRetryScale: 0.01,
      validateResponses: true,
      ...rest.config,
    },
  });
}
