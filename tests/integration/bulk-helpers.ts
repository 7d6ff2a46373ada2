// Shared set-up for the bulk-job tests: a fresh migrated database, a real simulator over HTTP,
// a CHeKT client pointed at it, and a dealer link + empty site to provision into.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createChektClient, type ChektClient } from "@/lib/chekt/client";
import { deviceApi, type DeviceApi } from "@/lib/chekt/api/devices";
import { startSimulator, type RunningSimulator } from "@/simulator/server";
import { DEMO } from "@/simulator/seed";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { simFault } from "../support/sim-control";

export type BulkWorld = {
  db: PrismaClient;
  dbInfo: TestDatabase;
  sim: RunningSimulator;
  client: ChektClient;
  api: DeviceApi;
  dealerLinkId: string;
  dealerId: number;
  newSite(name: string): Promise<number>;
  close(): Promise<void>;
};

export async function startBulkWorld(
  opts: { clientTimeoutMs?: number; simConfig?: Record<string, unknown> } = {},
): Promise<BulkWorld> {
  const dbInfo = await createTestDatabase("chekt_devices");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: dbInfo.url, max: 5 }) });
  const sim = await startSimulator({
    port: 0,
    host: "127.0.0.1",
    seed: "demo",
    dataFile: null,
    config: { ...(opts.simConfig ?? {}) },
  });
  const client = createChektClient({
    baseUrl: sim.url,
    auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: DEMO.partner.clientSecret },
    timeoutMs: opts.clientTimeoutMs ?? 5000,
    deadlineMs: 120_000,
  });
  const api = deviceApi(client);
  const dealerId = DEMO.dealers.acme.id;
  const link = await db.dealerLink.create({
    data: {
      chektDealerId: dealerId,
      externalDealerId: DEMO.dealers.acme.external,
      companyName: DEMO.dealers.acme.name,
      connectedAt: new Date(),
    },
  });
  return {
    db,
    dbInfo,
    sim,
    client,
    api,
    dealerLinkId: link.id,
    dealerId,
    async newSite(name) {
      const res = await client.post("/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId } },
        body: { external_site_id: `it-${name}-${Date.now()}`, name, timezone: "America/New_York" },
      });
      return Number((res.data as { site_id: number }).site_id);
    },
    async close() {
      await db.$disconnect();
      await sim.close();
      await dbInfo.drop();
    },
  };
}

/** The mirror's row of a site made in CHeKT, with its name (what a sweep would write; only what the tests read). */
export function mirrorSiteNamed(w: BulkWorld, siteId: number, name: string) {
  return w.db.mirrorSite.create({
    data: {
      dealerLinkId: w.dealerLinkId,
      chektId: siteId,
      externalId: `mirrored-${siteId}`,
      name,
      isActivated: true,
      searchText: name.toLowerCase(),
      dto: {},
      confirmedAt: new Date(),
    },
  });
}

/** CHeKT's device create route, as a fault rule names it. */
export const DEVICES_PATH = "/partner/v1/dealers/*/sites/*/devices";

/**
 * Device writes go wrong: the first `lost` answers come after the client's 1 s timeout (CHeKT applied
 * them), then each write answers 500, 429 or drops its connection at the given rates.
 */
export async function faultyDeviceWrites(
  w: BulkWorld,
  o: { lost: number; rate5xx: number; rate429: number; drop: number },
) {
  await simFault(w.sim.url, { path: DEVICES_PATH, method: "POST", delay_ms: 1500, count: o.lost });
  await simFault(w.sim.url, {
    path: DEVICES_PATH,
    method: "POST",
    rate_5xx: o.rate5xx,
    status_5xx: 500,
    rate_429: o.rate429,
    drop_rate: o.drop,
  });
}

export function devicesFor(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    external_device_id: `${prefix}-${String(i).padStart(4, "0")}`,
    device_type: (i % 10 === 0 ? "bridge" : "camera") as "bridge" | "camera",
    name: `${prefix} device ${i}`,
    zone_number: String((i % 64) + 1),
    mac: (0x0a0000000000 + i).toString(16).toUpperCase().match(/.{2}/g)!.join(":"),
  }));
}
