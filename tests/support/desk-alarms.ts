// The alarm desk's integration files raise alarms on the in-process simulator and deliver CHeKT's
// events to our webhook receiver themselves (the simulator posts nowhere), then call the desk's lib
// functions with the context the action client would give them.
import type { Verification } from "@/simulator/store";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect } from "vitest";
import type { ActionContext } from "@/lib/actions/client";
import type { RunningSimulator } from "@/simulator/server";
import {
  closeHookDb,
  createTestDb,
  seedDealerLink,
  setTestEnv,
  signedRequest,
  type TestDb,
} from "../integration/webhooks-helpers";
import { seedTestOutcomes, type OutcomePicks } from "../integration/desk-outcomes-helpers";
import { simRaiseAlarm, simVerifications, type SimRaisedAlarm } from "./sim-control";
import { NO_RATE_LIMIT, startTestSimulator } from "./simulator";

/** The simulator's demo webhook signing secret and dealer 1's App key (simulator/seed.ts). */
export const DESK_WEBHOOK_SECRET = "whsec_demo_signing_secret_0123456789";
export const DESK_APP_KEY = "chekt_test_demo0000000000000000000000000001";

/** The desk's users in these files: two operators and an admin. */
export const alice = { id: "u_alice", name: "Alice Operator", email: "alice@example.test" };
export const bob = { id: "u_bob", name: "Bob Operator", email: "bob@example.test" };
export const ada = { id: "u_admin", name: "Ada Admin", email: "ada@example.test" };

/** A raised alarm's verification in CHeKT's store, naming the contact an answer gives (every demo site has one). */
export type RaisedVerification = Omit<SimRaisedAlarm["verification"], "contact_id"> & { contact_id: number };

/** What the action client gives an action: commit = change + audit row in one transaction. */
export async function actionCtxFor(user: {
  id: string;
  name: string;
  email: string;
}): Promise<Pick<ActionContext, "commit" | "traceId">> {
  const { makeCommit } = await import("@/lib/actions/commit");
  const traceId = randomUUID();
  // The action client's own commit; these lib functions name their audit action in each entry.
  return {
    traceId,
    commit: makeCommit({ action: "verifications.unnamed", objectKind: "verification", traceId, user }),
  };
}

/**
 * CHeKT's newest 100 events, oldest first, delivered to Acme's receiver signed with the demo secret.
 * `each200`: every delivery must be taken (200); a test that delivers events it expects refused says no.
 */
const readEvents = (simUrl: string) =>
  fetch(`${simUrl}/v1/events?limit=100&order=desc`, {
    headers: { authorization: `Bearer ${process.env.CHEKT_API_KEY}` },
  });

export async function deliverNewestEvents(simUrl: string, { each200 = true } = {}) {
  const { receiveWebhook } = await import("@/lib/webhooks/receive");
  // The read shares the App key's bucket with the app's own calls (a free-tier simulator allows 5 a
  // second): a 429 is waited out as its Retry-After says, as any CHeKT client must.
  let res = await readEvents(simUrl);
  for (let tries = 1; res.status === 429 && tries < 10; tries++) {
    await new Promise((r) => setTimeout(r, 1_000 * Number(res.headers.get("retry-after") ?? 1)));
    res = await readEvents(simUrl);
  }
  if (!res.ok) throw new Error(`GET /v1/events: ${res.status} ${await res.text()}`);
  const events = (await res.json()) as { data: unknown[] };
  for (const e of events.data.reverse()) {
    const r = await receiveWebhook(
      signedRequest("http://t/api/webhooks/chekt/acme-security", e, { secret: DESK_WEBHOOK_SECRET }),
      "acme-security",
    );
    if (each200) expect(r.status).toBe(200);
  }
}

/** An alarm raised on the simulator (the control API's answer: the alarm and its verification). */
export async function raiseOnSimulator(simUrl: string, siteId: number, expiresInS = 300) {
  const out = await simRaiseAlarm(simUrl, { site_id: siteId, expires_in_s: expiresInS });
  const { contact_id } = out.verification;
  if (contact_id === null) throw new Error(`the alarm raised at site ${siteId} names no contact to answer with`);
  return { ...out, verification: { ...out.verification, contact_id } };
}

/** An alarm raised on the simulator with its events delivered to our receiver; returns its verification. */
export async function raiseAndDeliver(simUrl: string, siteId: number, expiresInS = 300): Promise<RaisedVerification> {
  const out = await raiseOnSimulator(simUrl, siteId, expiresInS);
  await deliverNewestEvents(simUrl);
  return out.verification;
}

/** The desk files' afterAll: the webhook pool, the simulator, the SQL client, Prisma, the database. */
export async function closeDeskWorld(w: { sim?: RunningSimulator; sql?: pg.Client; db?: TestDb } | undefined) {
  await w?.sim?.close();
  await closeHookDb(w);
}

type SimConfig = NonNullable<Parameters<typeof startTestSimulator>[0]>["config"];
export type DeskDealer = { id: string; chektDealerId: number };
export type DeskWorld = { db: TestDb; sim: RunningSimulator; sql: pg.Client; dealer: DeskDealer; picks: OutcomePicks };

/**
 * The desk files' beforeAll: a database of their own (`dbPrefix`), lib/env's variables with the demo secret and
 * App key (plus `env`), the simulator (it posts its webhooks nowhere; no rate limit unless `simConfig` or
 * `freeTier`, CHeKT's 60 a minute, says otherwise), Acme's dealer link (its secret from the environment) with
 * the default outcome codes, and a SQL client.
 */
export async function startDeskWorld(
  opts: { dbPrefix?: string; env?: Record<string, string>; simConfig?: SimConfig; freeTier?: boolean } = {},
): Promise<DeskWorld> {
  const db = await createTestDb(opts.dbPrefix);
  setTestEnv(db.url, { CHEKT_WEBHOOK_SECRET: DESK_WEBHOOK_SECRET, CHEKT_API_KEY: DESK_APP_KEY, ...opts.env });
  const sim = await startTestSimulator({
    appUrl: "http://127.0.0.1:9",
    config: { ...(opts.freeTier ? {} : NO_RATE_LIMIT), ...opts.simConfig },
  });
  process.env.CHEKT_API_BASE_URL = sim.url;
  const linkId = await seedDealerLink(db.url, { key: "acme-security", chektDealerId: 1, secret: null });
  const picks = await seedTestOutcomes(linkId);
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  return { db, sim, sql, dealer: { id: linkId, chektDealerId: 1 }, picks };
}

/** An answer to a raised verification with the given outcome; no checklist steps unless `checkedSteps`. */
export function answerInput(
  v: Pick<RaisedVerification, "verification_id" | "contact_id">,
  action: "dispatch" | "disregard",
  outcomeId: string,
  checkedSteps: string[] = [],
) {
  return { id: v.verification_id, action, contactId: v.contact_id, outcomeId, checkedSteps };
}

export type SimAnswer = NonNullable<Verification["answer"]>;

/** The answer CHeKT holds for a verification (the simulator's store); null when none (or no such item). */
export async function simAnswerOf(simUrl: string, id: string): Promise<SimAnswer | null> {
  return (await simVerifications(simUrl)).find((v) => v.verification_id === id)?.answer ?? null;
}
