import "server-only";
import { env } from "../env";
import { CallBudget, credentialKey } from "./budget";
import { PgBudgetStore } from "./budget-pg";
import { poolBudgetRunner } from "./budget-pool";
import { createChektClient, type ChektClient } from "./client";
import type { ChektAuth } from "./token";

/**
 * The app's CHeKT client (server-only: importing this from a client component fails the build,
 * so the client secret, private key and API keys never reach a browser bundle).
 *
 * - `chekt`: the Partner API (`/partner/v1`, `/oauth`) with the partner's client credentials.
 * - `chektApp(apiKey)`: the CHeKT Apps surface (`/v1`) with one dealer's API key.
 * - `createChektClient(config)`: for tests and scripts.
 */

let partnerClient: ChektClient | null = null;

// One store for the process: it caches each credential's row between its compare-and-set updates.
const budgetStore = new PgBudgetStore(poolBudgetRunner);
const budgets = new Map<string, CallBudget>();

/**
 * The shared budget of one credential (kept in Postgres, so every instance spends the same one),
 * starting from the configured tier and corrected from CHeKT's headers.
 */
export function budgetFor(credential: string): CallBudget {
  let b = budgets.get(credential);
  if (!b) {
    b = new CallBudget(credential, {
      store: budgetStore,
      limits: { perMin: env.CHEKT_BUDGET_PER_MIN, burst: env.CHEKT_BUDGET_BURST },
    });
    if (budgets.size >= 200) budgets.delete(budgets.keys().next().value!);
    budgets.set(credential, b);
  }
  return b;
}

/** The partner credential's budget. */
export function partnerBudget(): CallBudget {
  return budgetFor(credentialKey(partnerAuth()));
}

function partnerAuth(): ChektAuth {
  // A configured private key wins: it is the stronger credential (RFC 7523 private_key_jwt).
  if (env.CHEKT_PRIVATE_KEY)
    return { type: "private_key_jwt", clientId: env.CHEKT_CLIENT_ID, privateKey: env.CHEKT_PRIVATE_KEY };
  return { type: "client_secret", clientId: env.CHEKT_CLIENT_ID, clientSecret: env.CHEKT_CLIENT_SECRET ?? "" };
}

/**
 * The runtime's own fetch, not Next's wrapper around it. Next replaces globalThis.fetch in the server
 * with one that opens a trace span, parses the URL and runs its data-cache bookkeeping on every call
 * (next/dist/server/lib/patch-fetch.js). CHeKT calls never use that cache (the transport reads each
 * answer itself), so they skip the wrapper; Next keeps the original on the wrapper it installs.
 */
function runtimeFetch(): typeof fetch {
  const f: typeof fetch & { _nextOriginalFetch?: typeof fetch } = globalThis.fetch;
  return f._nextOriginalFetch ?? f;
}

/** A client of this app's CHeKT with `auth`, spending that credential's shared budget. */
function clientFor(auth: ChektAuth): ChektClient {
  return createChektClient({
    baseUrl: env.CHEKT_API_BASE_URL,
    auth,
    timeoutMs: env.CHEKT_REQUEST_TIMEOUT_MS,
    budget: budgetFor(credentialKey(auth)),
    fetch: runtimeFetch(),
  });
}

/** The partner client, created on first use (one token cache per process; the budget is shared). */
export function getChekt(): ChektClient {
  partnerClient ??= clientFor(partnerAuth());
  return partnerClient;
}

/** Lazily bound: `chekt.get(...)` creates the client on its first call, not at import. */
export const chekt: ChektClient = {
  get baseUrl() {
    return getChekt().baseUrl;
  },
  request: (...a) => getChekt().request(...a),
  get: (...a) => getChekt().get(...a),
  post: (...a) => getChekt().post(...a),
  put: (...a) => getChekt().put(...a),
  patch: (...a) => getChekt().patch(...a),
  delete: (...a) => getChekt().delete(...a),
  stats: () => getChekt().stats(),
};

// One client per API key (its token-free /v1 surface); every client of one key spends the key's shared budget.
const appClients = new Map<string, ChektClient>();

/** A client for the `/v1` CHeKT Apps surface, authenticated by a dealer's API key. */
export function chektApp(apiKey: string): ChektClient {
  let c = appClients.get(apiKey);
  if (!c) {
    c = clientFor({ type: "api_key", apiKey });
    // Keys rotate; keep the map from growing without bound (oldest first out).
    if (appClients.size >= 100) appClients.delete(appClients.keys().next().value!);
    appClients.set(apiKey, c);
  }
  return c;
}

export { createChektClient } from "./client";
export { CallBudget, credentialKey, type BudgetView } from "./budget";
export { BUDGET_CLASSES, BUDGET_CLASS_LABELS, type BudgetClass } from "./budget-class";
export type {
  CallOptions,
  ChektClient,
  ChektClientConfig,
  ChektData,
  ChektInit,
  ChektPath,
  ChektResult,
  ChektStats,
  HttpMethod,
} from "./client";
export { ChektError, isChektError, type ChektErrorKind } from "./errors";
export type { ChektAuth } from "./token";
export type { paths, components, operations } from "./schema";
