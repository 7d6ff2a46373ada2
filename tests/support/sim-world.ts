// The world most integration files start from: a migrated database of their own, the in-process
// CHeKT simulator with its rate limit out of the way (pacing is tested in chekt-budget), the two
// variables lib/env needs pointing at them, and the app's Prisma client. Files that call server
// actions also connect a dealer link with members and put it in the request's cookie.
import type { ControlBody } from "@/simulator/control-body";
import type { appView, dealerDto, v1Alarm } from "@/simulator/dto";
import type { Fault } from "@/simulator/faults";
import type { RunningSimulator } from "@/simulator/server";
import type { RequestLogEntry, RequestStats } from "@/simulator/stats";
import type { Delivery, SimEvent, Verification } from "@/simulator/store";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "./db";
import { ACME, connectDealerLink } from "./dealer-links";
import { addMembers } from "./members";
import { cookieJar } from "./next-headers";
import { simControl } from "./sim-control";
import { NO_RATE_LIMIT, startTestSimulator, type TestSimulatorOptions } from "./simulator";

/** Stand-in users of the dealer under test (a users row and a membership each, see members.ts). */
export const OPERATOR = { id: "u-op", email: "op@example.com", name: "Op", role: "operator" as const };
export const ADMIN = { id: "u-admin", email: "admin@example.com", name: "Admin", role: "admin" as const };
export const VIEWER = { id: "u-viewer", email: "viewer@example.com", name: "Viewer", role: "viewer" as const };

export type SimWorld = { db: TestDatabase; sim: RunningSimulator; prisma: PrismaClient };

/** The database (named `dbPrefix`_…) and the simulator, DATABASE_URL and CHEKT_API_BASE_URL set, then Prisma. */
export async function startSimWorld(dbPrefix: string, simOpts: TestSimulatorOptions = {}): Promise<SimWorld> {
  const db = await createTestDatabase(dbPrefix);
  let sim: RunningSimulator | undefined;
  try {
    sim = await startTestSimulator({ ...simOpts, config: { ...NO_RATE_LIMIT, ...simOpts.config } });
    process.env.DATABASE_URL = db.url;
    process.env.CHEKT_API_BASE_URL = sim.url;
    const { prisma } = await import("@/lib/db");
    return { db, sim, prisma };
  } catch (error) {
    await sim?.close();
    await db.drop();
    throw error;
  }
}

/** The afterAll of a file that started a SimWorld (whatever part of it came up). */
export async function closeSimWorld(w: Partial<SimWorld> | undefined) {
  await w?.prisma?.$disconnect().catch(() => undefined);
  await w?.sim?.close();
  await w?.db?.drop();
}

type Member = Parameters<typeof addMembers>[2][number];

/**
 * Acme's dealer link (or `seed`'s) connected, `members` made members of it, and chosen as the request's
 * current dealer (the dealer_link cookie), as the action middleware reads it. Returns the link's id.
 */
export async function actAsDealer(
  prisma: PrismaClient,
  members: Member[],
  seed: Parameters<typeof connectDealerLink>[1] = ACME,
): Promise<string> {
  const linkId = await connectDealerLink(prisma, seed);
  await addMembers(prisma, linkId, members);
  cookieJar.set("dealer_link", linkId);
  return linkId;
}

/** A control call (`/_sim/…`; a refusal fails the test) whose answer the caller reads: an empty one fails it too. */
async function simAnswer<T>(simUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const got = await simControl<T>(simUrl, method, path, body);
  if (got === undefined) throw new Error(`${method} ${path}: the simulator answered nothing`);
  return got;
}

/** Injects a fault on the simulator: the rule as it stands, its id to find it again among simFaultRules. */
export const simFault = (simUrl: string, fault: Record<string, unknown>) =>
  simAnswer<Fault>(simUrl, "POST", "/_sim/faults", fault);
/** The injected faults, each with how many requests it has matched so far. */
export const simFaultRules = (simUrl: string) => simAnswer<Fault[]>(simUrl, "GET", "/_sim/faults");
/** Clears every injected fault. */
export const clearSimFaults = (simUrl: string) => simControl(simUrl, "DELETE", "/_sim/faults");
/** Starts the simulator's request counts and log afresh. */
export const clearSimStats = (simUrl: string) => simControl(simUrl, "DELETE", "/_sim/stats");
/** The simulator's request counts since they were last cleared: in all, by status and by `METHOD route`. */
export const simStats = (simUrl: string) => simAnswer<RequestStats>(simUrl, "GET", "/_sim/stats");
/** How many `method` requests to routes ending in `suffix` (e.g. "/contacts") the simulator answered since then. */
export async function simRouteCalls(simUrl: string, method: string, suffix: string): Promise<number> {
  const { byRoute } = await simStats(simUrl);
  return Object.entries(byRoute)
    .filter(([route]) => route.startsWith(`${method} `) && route.endsWith(suffix))
    .reduce((n, [, count]) => n + count, 0);
}
/** Makes `count` new sites of one dealer in the simulator at once, with their children; the first one's ID. */
export async function simBulkSites(simUrl: string, sites: ControlBody<"bulkSites">): Promise<number> {
  const made = await simAnswer<{ first_site_id: number }>(simUrl, "POST", "/_sim/bulk-sites", sites);
  return made.first_site_id;
}
/** The requests the simulator answered since its stats were last cleared, in order: [at ms, route, status]. */
export const simRequestLog = async (simUrl: string) =>
  (await simControl<RequestLogEntry[]>(simUrl, "GET", "/_sim/stats/log")) ?? [];
/** Changes the simulator's configuration (token life, rate limit, retry scale …) from now on. */
export async function simConfig(simUrl: string, patch: ControlBody<"config">): Promise<void> {
  await simControl(simUrl, "PATCH", "/_sim/config", patch);
}

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
export const simRaiseAlarm = (simUrl: string, alarm: ControlBody<"alarm">) =>
  simAnswer<SimRaisedAlarm>(simUrl, "POST", "/_sim/alarms", alarm);
/** Resolves an alarm (`alm_…` or its number) on CHeKT's side; the alarm.resolved event it sent. */
export const simResolveAlarm = (simUrl: string, alarmId: string | number, how: ControlBody<"resolve"> = {}) =>
  simAnswer<{ alarm: SimRaisedAlarm["alarm"]; event: SentEvent }>(
    simUrl,
    "POST",
    `/_sim/alarms/${alarmId}/resolve`,
    how,
  );
/** Every dealer's CHeKT Apps. */
export const simApps = (simUrl: string) => simAnswer<SimApp[]>(simUrl, "GET", "/_sim/apps");
/** A new CHeKT App with its API key and signing secret (shown this once). */
export const simNewApp = (simUrl: string, app: ControlBody<"app">) =>
  simAnswer<SimApp & { api_key: string; signing_secret: string }>(simUrl, "POST", "/_sim/apps", app);
/** Changes an App's name, scopes, events or webhook URL. */
export const simPatchApp = (simUrl: string, appId: string, patch: ControlBody<"appPatch">) =>
  simAnswer<SimApp>(simUrl, "PATCH", `/_sim/apps/${appId}`, patch);
/** Expires an App's keys now (every key, or the one `key` names). */
export const simRevokeAppKey = (simUrl: string, appId: string, which: ControlBody<"revoke"> = {}) =>
  simAnswer<SimApp>(simUrl, "POST", `/_sim/apps/${appId}/revoke-key`, which);
/** A new partner. */
export const simNewPartner = (simUrl: string, partner: ControlBody<"partner">) =>
  simAnswer<SimPartner>(simUrl, "POST", "/_sim/partners", partner);
/** A new dealer with an admin user, connected to a partner when the body names one. */
export const simNewDealer = (simUrl: string, dealer: ControlBody<"dealer">) =>
  simAnswer<SimDealer>(simUrl, "POST", "/_sim/dealers", dealer);
/** The webhook deliveries the simulator made (newest first; 200 unless `limit` says, at most 5000). */
export async function simDeliveries(
  simUrl: string,
  filter: { app_id?: string; event_id?: string; state?: Delivery["state"]; type?: string; limit?: number },
): Promise<Delivery[]> {
  const query = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)]));
  return simAnswer<Delivery[]>(simUrl, "GET", `/_sim/deliveries?${query}`);
}
