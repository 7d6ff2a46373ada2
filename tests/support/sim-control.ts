// The one client for the CHeKT simulator's control API (`/_sim/…`), for vitest files and the Playwright
// specs alike, and its typed calls. It imports only the simulator's types: Playwright loads this file,
// and the e2e stage's simulator runs in its own process (scripts/test.ts starts it).
import type { SimConfig } from "../../simulator/config";
import type { ControlBody } from "../../simulator/control-body";
import type { appView, dealerDto, v1Alarm } from "../../simulator/dto";
import type { Fault } from "../../simulator/faults";
import type { RequestLogEntry, RequestStats } from "../../simulator/stats";
import type { Delivery, SimEvent, Verification } from "../../simulator/store";

/**
 * Which simulator: its URL (an in-process one of a vitest file), or its URL and the bearer token a
 * simulator started with CHEKT_SIM_ADMIN_TOKEN asks for on every control route (the e2e stack's).
 */
export type SimTarget = string | { readonly url: string; readonly token?: string };

/** A call to the simulator's control API; a non-2xx answer fails the test with its body. */
export async function simControl<T = unknown>(
  sim: SimTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<T | undefined> {
  const { url: baseUrl, token } = typeof sim === "string" ? { url: sim, token: undefined } : sim;
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) };
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as T) : undefined;
}

/** A control call (`/_sim/…`; a refusal fails the test) whose answer the caller reads: an empty one fails it too. */
export async function simAnswer<T>(sim: SimTarget, method: string, path: string, body?: unknown): Promise<T> {
  const got = await simControl<T>(sim, method, path, body);
  if (got === undefined) throw new Error(`${method} ${path}: the simulator answered nothing`);
  return got;
}

/** Injects a fault on the simulator: the rule as it stands, its id to find it again among simFaultRules. */
export const simFault = (sim: SimTarget, fault: ControlBody<"fault">) =>
  simAnswer<Fault>(sim, "POST", "/_sim/faults", fault);
/** The injected faults, each with how many requests it has matched so far. */
export const simFaultRules = (sim: SimTarget) => simAnswer<Fault[]>(sim, "GET", "/_sim/faults");
/** Removes one injected fault by the id simFault answered. */
export const removeSimFault = (sim: SimTarget, faultId: string) => simControl(sim, "DELETE", `/_sim/faults/${faultId}`);
/** Clears every injected fault. */
export const clearSimFaults = (sim: SimTarget) => simControl(sim, "DELETE", "/_sim/faults");
/** Starts the simulator's request counts and log afresh. */
export const clearSimStats = (sim: SimTarget) => simControl(sim, "DELETE", "/_sim/stats");
export type SimStats = RequestStats;
/** The simulator's request counts since they were last cleared: in all, by status and by `METHOD route`. */
export const simStats = (sim: SimTarget) => simAnswer<RequestStats>(sim, "GET", "/_sim/stats");
/** How many `method` requests to routes ending in `suffix` (e.g. "/contacts") the simulator answered since then. */
export async function simRouteCalls(sim: SimTarget, method: string, suffix: string): Promise<number> {
  const { byRoute } = await simStats(sim);
  return Object.entries(byRoute)
    .filter(([route]) => route.startsWith(`${method} `) && route.endsWith(suffix))
    .reduce((n, [, count]) => n + count, 0);
}
/** Makes `count` new sites of one dealer in the simulator at once, with their children; the first one's ID. */
export async function simBulkSites(sim: SimTarget, sites: ControlBody<"bulkSites">): Promise<number> {
  const made = await simAnswer<{ first_site_id: number }>(sim, "POST", "/_sim/bulk-sites", sites);
  return made.first_site_id;
}
/** The requests the simulator answered since its stats were last cleared, in order: [at ms, route, status]. */
export const simRequestLog = async (sim: SimTarget) =>
  (await simControl<RequestLogEntry[]>(sim, "GET", "/_sim/stats/log")) ?? [];
/** Changes the simulator's configuration (token life, rate limit, retry scale …) from now on; answers all of it. */
export const simConfig = (sim: SimTarget, patch: ControlBody<"config"> = {}) =>
  simAnswer<SimConfig>(sim, "PATCH", "/_sim/config", patch);

/** CHeKT's rate limit, as PATCH /_sim/config sets it. */
export type SimRateLimit = Pick<SimConfig, "rateLimitPerMin" | "rateLimitBurstPerS">;

/**
 * Sets CHeKT's rate limit to `limits` and answers the function that puts back the one it replaced,
 * for a spec that lowers it in beforeAll and restores it in afterAll (withSimRateLimit for one call).
 */
export async function setSimRateLimit(sim: SimTarget, limits: SimRateLimit): Promise<() => Promise<void>> {
  const { rateLimitPerMin, rateLimitBurstPerS } = await simConfig(sim);
  await simConfig(sim, limits);
  return async () => {
    await simConfig(sim, { rateLimitPerMin, rateLimitBurstPerS });
  };
}

/** Runs `fn` with CHeKT's rate limit at `limits`, then puts back the one before, whether `fn` passed or not. */
export async function withSimRateLimit<T>(sim: SimTarget, limits: SimRateLimit, fn: () => Promise<T>): Promise<T> {
  const restore = await setSimRateLimit(sim, limits);
  try {
    return await fn();
  } finally {
    await restore();
  }
}

/** The simulator's verifications, the answers CHeKT recorded included (its last 500). */
export const simVerifications = (sim: SimTarget) => simAnswer<Verification[]>(sim, "GET", "/_sim/verifications");

// The answers of the control routes below, as simulator/control-alarms.ts, control-apps.ts and
// control-world.ts build them (their handlers' return types are not exported).
type SentEvent = Pick<SimEvent, "id" | "type">;
/** A raised alarm: as /v1/alarms shows it, its verification, its snapshot and the events it sent. */
export type SimRaisedAlarm = {
  alarm: ReturnType<typeof v1Alarm>;
  verification: Verification;
  snapshot: { id: string; url: string };
  events: SentEvent[];
};
/** An App as the control API shows it: its keys by prefix only. */
export type SimApp = ReturnType<typeof appView>;
/** A new dealer: its DTO (unlinked from any partner unless the body named one) and its admin's sign-in. */
export type SimDealer = ReturnType<typeof dealerDto> & { admin: { email: string; password: string } };
/** A new partner (CHeKT's OAuth client): its secret when it has one, never its public key. */
export type SimPartner = {
  id: number;
  name: string;
  client_id: string;
  client_secret: string | null;
  has_public_key: boolean;
  redirect_uris: string[];
};

/** Raises an alarm at a site, as a device would: CHeKT's webhooks for it go out at once. */
export const simRaiseAlarm = (sim: SimTarget, alarm: ControlBody<"alarm">) =>
  simAnswer<SimRaisedAlarm>(sim, "POST", "/_sim/alarms", alarm);
/** Resolves an alarm (`alm_…` or its number) on CHeKT's side; the alarm.resolved event it sent. */
export const simResolveAlarm = (sim: SimTarget, alarmId: string | number, how: ControlBody<"resolve"> = {}) =>
  simAnswer<{ alarm: SimRaisedAlarm["alarm"]; event: SentEvent }>(sim, "POST", `/_sim/alarms/${alarmId}/resolve`, how);
/** Every dealer's CHeKT Apps. */
export const simApps = (sim: SimTarget) => simAnswer<SimApp[]>(sim, "GET", "/_sim/apps");
/** A new CHeKT App with its API key and signing secret (shown this once). */
export const simNewApp = (sim: SimTarget, app: ControlBody<"app">) =>
  simAnswer<SimApp & { api_key: string; signing_secret: string }>(sim, "POST", "/_sim/apps", app);
/** Changes an App's name, scopes, events or webhook URL. */
export const simPatchApp = (sim: SimTarget, appId: string, patch: ControlBody<"appPatch">) =>
  simAnswer<SimApp>(sim, "PATCH", `/_sim/apps/${appId}`, patch);
/** Expires an App's keys now (every key, or the one `key` names). */
export const simRevokeAppKey = (sim: SimTarget, appId: string, which: ControlBody<"revoke"> = {}) =>
  simAnswer<SimApp>(sim, "POST", `/_sim/apps/${appId}/revoke-key`, which);
/** A new partner. */
export const simNewPartner = (sim: SimTarget, partner: ControlBody<"partner">) =>
  simAnswer<SimPartner>(sim, "POST", "/_sim/partners", partner);
/** A new dealer with an admin user, connected to a partner when the body names one. */
export const simNewDealer = (sim: SimTarget, dealer: ControlBody<"dealer">) =>
  simAnswer<SimDealer>(sim, "POST", "/_sim/dealers", dealer);
/** The webhook deliveries the simulator made (newest first; 200 unless `limit` says, at most 5000). */
export async function simDeliveries(
  sim: SimTarget,
  filter: { app_id?: string; event_id?: string; state?: Delivery["state"]; type?: string; limit?: number },
): Promise<Delivery[]> {
  const query = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)]));
  return simAnswer<Delivery[]>(sim, "GET", `/_sim/deliveries?${query}`);
}

/** Sets a device's status (and firmware) on CHeKT's side, which sends the webhooks that change makes. */
export const simDeviceStatus = (sim: SimTarget, deviceId: string | number, change: ControlBody<"status">) =>
  simAnswer<{ device_id: number; status: string; firmware: string | null; events: SentEvent[] }>(
    sim,
    "POST",
    `/_sim/devices/${deviceId}/status`,
    change,
  );
