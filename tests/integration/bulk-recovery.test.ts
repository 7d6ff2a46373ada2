/**
 * The runner's own recovery paths, with a CHeKT client that never retries by itself
 * (maxAttempts 1), so every 500, 429, drop and lost answer reaches the runner: resend with the
 * same key, reconcile by listing once the key has lapsed, and update / delete / retry jobs.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChektClient } from "@/lib/chekt/client";
import { deviceApi, type DeviceApi } from "@/lib/chekt/api/devices";
import { insertBulkJob, readJobItems, type NewItem } from "@/lib/bulk/jobs";
import type { DeviceInput } from "@/lib/bulk/validate";
import { runBulkJob } from "@/lib/jobs/bulk-runner";
import { DEMO } from "@/simulator/seed";
import { devicesFor, faultyDeviceWrites, startBulkWorld, type BulkWorld } from "./bulk-helpers";
import { clearSimFaults } from "../support/sim-world";

let w: BulkWorld;
let bare: DeviceApi;
let bareClient: ReturnType<typeof createChektClient>;
const user = { id: "u-test", email: "operator@test.example" };

beforeAll(async () => {
  w = await startBulkWorld();
  bareClient = createChektClient({
    baseUrl: w.sim.url,
    auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: DEMO.partner.clientSecret },
    timeoutMs: 1000,
    maxAttempts: 1,
  });
  bare = deviceApi(bareClient);
});
afterAll(async () => {
  await w?.close();
});

const noWait = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 200)));

function job(siteId: number, kind: "create" | "update" | "delete", items: NewItem[], retryOf?: (string | null)[]) {
  return w.db.$transaction((tx) =>
    insertBulkJob(tx, { dealerLinkId: w.dealerLinkId, chektSiteId: siteId, kind, items, user, retryOf }),
  );
}

/** A create job of `devices`, an item each. */
const createJob = (siteId: number, devices: DeviceInput[]) =>
  job(
    siteId,
    "create",
    devices.map((device) => ({ kind: "create", device })),
  );

async function siteExt(siteId: number, prefix: string) {
  return (await w.api.list(w.dealerId, siteId)).filter((d) => d.external_device_id.startsWith(prefix));
}

describe("runner recovery without client retries", () => {
  it("resends unknown outcomes with the same key and still creates each device once", async () => {
    const siteId = await w.newSite("bare");
    await faultyDeviceWrites(w, { lost: 3, rate5xx: 0.15, rate429: 0.1, drop: 0.1 });
    const j = await createJob(siteId, devicesFor("bre", 500));
    const logs: string[] = [];
    try {
      expect(
        await runBulkJob(j.id, {
          db: w.db,
          api: bare,
          maxBulk: 100,
          sleep: noWait,
          maxUnknownAttempts: 50,
          log: (m) => logs.push(m),
        }),
      ).toBe("finished");
    } finally {
      await clearSimFaults(w.sim.url);
    }
    const devices = await siteExt(siteId, "bre-");
    expect(devices.length).toBe(500);
    expect(new Set(devices.map((d) => d.external_device_id)).size).toBe(500);
    const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: j.id } });
    expect([done.state, done.succeeded, done.failed]).toEqual(["done", 500, 0]);
    const chunks = await w.db.bulkChunk.findMany({ where: { jobId: j.id } });
    // The three lost answers alone force at least three resends.
    expect(chunks.reduce((a, c) => a + c.attempts, 0)).toBeGreaterThanOrEqual(5 + 3);
    expect(logs.some((l) => l.includes("outcome unknown"))).toBe(true);
  }, 120_000);

  it("after the key lapsed, lists the site first and only sends what CHeKT does not have", async () => {
    const siteId = await w.newSite("lapse");
    const devices = devicesFor("lps", 150);
    const j = await createJob(siteId, devices);
    // A chunk sent 25 hours ago whose answer was never recorded; CHeKT applied 60 of its 100.
    const items = await w.db.bulkItem.findMany({ where: { jobId: j.id }, orderBy: { position: "asc" } });
    const oldKey = randomUUID();
    const chunk = await w.db.bulkChunk.create({
      data: {
        jobId: j.id,
        seq: 1,
        idempotencyKey: oldKey,
        state: "sent",
        attempts: 1,
        firstSentAt: new Date(Date.now() - 25 * 3600_000),
        lastSentAt: new Date(Date.now() - 25 * 3600_000),
        traceIds: [randomUUID()],
      },
    });
    await w.db.bulkItem.updateMany({
      where: { id: { in: items.slice(0, 100).map((i) => i.id) } },
      data: { chunkId: chunk.id, state: "sending" },
    });
    await w.api.create(w.dealerId, siteId, devices.slice(0, 60), { idempotencyKey: randomUUID() });

    expect(await runBulkJob(j.id, { db: w.db, api: w.api, maxBulk: 100 })).toBe("finished");
    const inChekt = await siteExt(siteId, "lps-");
    expect(inChekt.length).toBe(150);
    expect(new Set(inChekt.map((d) => d.external_device_id)).size).toBe(150);
    const after = await w.db.bulkChunk.findUniqueOrThrow({ where: { id: chunk.id } });
    expect(after.idempotencyKey).not.toBe(oldKey);
    expect(after.state).toBe("done");
    const audit = await w.db.auditLog.findFirstOrThrow({
      where: { action: "devices.bulk.create.reconcile", externalId: chunk.id },
    });
    expect((audit.after as { settledFromListing: number }).settledFromListing).toBe(60);
    const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: j.id } });
    expect([done.state, done.succeeded, done.failed]).toEqual(["done", 150, 0]);
    expect(
      await w.db.externalIdMapping.count({
        where: { dealerLinkId: w.dealerLinkId, kind: "device", externalId: { startsWith: "lps-" } },
      }),
    ).toBe(150);
  }, 60_000);

  it("keeps per-item failures, then retries the fixed rows alone", async () => {
    const siteA = await w.newSite("dupA");
    const siteB = await w.newSite("dupB");
    // "shared-1" already exists on another site of the dealer: CHeKT refuses that one item (409).
    await w.api.create(
      w.dealerId,
      siteA,
      [{ external_device_id: "shared-1", device_type: "camera", name: "Elsewhere" }],
      { idempotencyKey: randomUUID() },
    );
    const rows = [
      ...devicesFor("ret", 4),
      { external_device_id: "shared-1", device_type: "camera" as const, name: "Clash" },
    ];
    const j = await createJob(siteB, rows);
    await runBulkJob(j.id, { db: w.db, api: w.api, maxBulk: 100 });
    const first = await w.db.bulkJob.findUniqueOrThrow({ where: { id: j.id } });
    expect([first.state, first.succeeded, first.failed]).toEqual(["done", 4, 1]);
    const failed = await w.db.bulkItem.findFirstOrThrow({ where: { jobId: j.id, state: "failed" } });
    expect(failed.statusCode).toBe(409);
    expect(failed.errorMessage).toMatch(/shared-1 already exists/);
    const failedAudit = await w.db.auditLog.findFirstOrThrow({
      where: { action: "devices.bulk.create.item", externalId: "shared-1", outcome: "failure" },
    });
    expect(failedAudit.error).toMatch(/^409/);

    const retry = await job(
      siteB,
      "create",
      [{ kind: "create", device: { ...rows[4], external_device_id: "shared-1b" } }],
      [failed.id],
    );
    await runBulkJob(retry.id, { db: w.db, api: w.api, maxBulk: 100 });
    const second = await w.db.bulkJob.findUniqueOrThrow({ where: { id: retry.id } });
    expect([second.succeeded, second.failed]).toEqual([1, 0]);
    const view = await readJobItems(w.db, j.id, "failed");
    expect(view[0].retriedInJobId).toBe(retry.id);
    expect((await siteExt(siteB, "shared-1b")).length).toBe(1);
  }, 60_000);

  it("bulk update and bulk delete are jobs with per-item results and mappings kept in step", async () => {
    const siteId = await w.newSite("upd");
    const devices = devicesFor("upd", 12);
    const c = await createJob(siteId, devices);
    await runBulkJob(c.id, { db: w.db, api: w.api, maxBulk: 5 });
    const created = await siteExt(siteId, "upd-");
    expect(created.length).toBe(12);
    const byExt = new Map(created.map((d) => [d.external_device_id, d.device_id]));

    const u = await job(
      siteId,
      "update",
      devices.slice(0, 6).map((d) => ({
        kind: "update",
        deviceId: byExt.get(d.external_device_id)!,
        device: { external_device_id: d.external_device_id, name: `Renamed ${d.external_device_id}` },
      })),
    );
    await runBulkJob(u.id, { db: w.db, api: w.api, maxBulk: 4 });
    expect((await w.db.bulkJob.findUniqueOrThrow({ where: { id: u.id } })).succeeded).toBe(6);
    const afterUpdate = await siteExt(siteId, "upd-");
    expect(afterUpdate.filter((d) => d.name?.startsWith("Renamed ")).length).toBe(6);

    const del = devices.slice(6).map((d) => byExt.get(d.external_device_id)!);
    const x = await job(
      siteId,
      "delete",
      del.map((deviceId) => ({ kind: "delete", deviceId })),
    );
    await runBulkJob(x.id, { db: w.db, api: w.api, maxBulk: 4 });
    const dj = await w.db.bulkJob.findUniqueOrThrow({ where: { id: x.id } });
    expect([dj.state, dj.succeeded, dj.failed]).toEqual(["done", 6, 0]);
    expect((await siteExt(siteId, "upd-")).length).toBe(6);
    expect(
      await w.db.externalIdMapping.count({
        where: { dealerLinkId: w.dealerLinkId, kind: "device", externalId: { startsWith: "upd-" } },
      }),
    ).toBe(6);
    expect(
      await w.db.auditLog.count({
        where: { action: "devices.bulk.delete.item", outcome: "success", after: { path: ["jobId"], equals: x.id } },
      }),
    ).toBe(6);
  }, 60_000);
});
