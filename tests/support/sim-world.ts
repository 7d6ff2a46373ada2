// The world most integration files start from: a migrated database of their own, the in-process
// CHeKT simulator with its rate limit out of the way (pacing is tested in chekt-budget), the two
// variables lib/env needs pointing at them, and the app's Prisma client. Files that call server
// actions also connect a dealer link with members and put it in the request's cookie.
import type { RunningSimulator } from "@/simulator/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "./db";
import { ACME, connectDealerLink } from "./dealer-links";
import { addMembers } from "./members";
import { cookieJar } from "./next-headers";
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

// The simulator's control calls come with the world: most files that start one also steer its CHeKT.
export {
  clearSimFaults,
  clearSimStats,
  simApps,
  simBulkSites,
  simConfig,
  simDeliveries,
  simFault,
  simFaultRules,
  simNewApp,
  simNewDealer,
  simNewPartner,
  simPatchApp,
  simRaiseAlarm,
  simRequestLog,
  simResolveAlarm,
  simRevokeAppKey,
  simRouteCalls,
  simStats,
  type SimApp,
  type SimDealer,
  type SimPartner,
  type SimRaisedAlarm,
} from "./sim-control";
