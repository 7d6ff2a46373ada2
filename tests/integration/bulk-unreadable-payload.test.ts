/**
 * A bulk item whose stored device does not read (an older version wrote it, someone edited the row)
 * fails on its own with a message; the job runs to the end and the other items are provisioned.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBulkJob, readJobItems } from "@/lib/bulk/jobs";
import { runBulkJob } from "@/lib/jobs/bulk-runner";
import { devicesFor, startBulkWorld, type BulkWorld } from "./bulk-helpers";

let w: BulkWorld;

beforeAll(async () => {
  w = await startBulkWorld();
});
afterAll(async () => {
  await w?.close();
});

describe("a stored device that does not read", () => {
  it.each(["create", "update"] as const)("fails only its own %s item, with a message", async (kind) => {
    const siteId = await w.newSite(`unreadable-${kind}`);
    const prefix = `bad${kind}`;
    const devices = devicesFor(prefix, 3);
    if (kind === "update") {
      const created = await w.api.create(w.dealerId, siteId, devices, { idempotencyKey: `seed-${prefix}` });
      expect(created.results.every((r) => r.ok)).toBe(true);
    }
    const listed = new Map((await w.api.list(w.dealerId, siteId)).map((d) => [d.external_device_id, d.device_id]));
    const job = await w.db.$transaction((tx) =>
      insertBulkJob(tx, {
        dealerLinkId: w.dealerLinkId,
        chektSiteId: siteId,
        kind,
        items: devices.map((device) =>
          kind === "create"
            ? { kind, device }
            : {
                kind,
                device: { ...device, name: `${device.name} renamed` },
                deviceId: listed.get(device.external_device_id)!,
              },
        ),
        user: { id: "u-test", email: "operator@test.example" },
      }),
    );
    const broken = await w.db.bulkItem.findFirstOrThrow({ where: { jobId: job.id, position: 1 } });
    await w.db.bulkItem.update({ where: { id: broken.id }, data: { payload: { external_device_id: 42, name: [] } } });

    expect(await runBulkJob(job.id, { db: w.db, api: w.api, maxBulk: 100 })).toBe("finished");

    const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    expect({ state: done.state, succeeded: done.succeeded, failed: done.failed }).toEqual({
      state: "done",
      succeeded: 2,
      failed: 1,
    });
    const items = await w.db.bulkItem.findMany({ where: { jobId: job.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => i.state)).toEqual(["succeeded", "failed", "succeeded"]);
    expect(items[1]!.statusCode).toBe(422);
    expect(items[1]!.errorMessage).toMatch(/^The stored device could not be read \(external_device_id: .+\)/);
    const audit = await w.db.auditLog.findFirstOrThrow({
      where: { action: `devices.bulk.${kind}.item`, externalId: broken.externalDeviceId, outcome: "failure" },
    });
    expect(audit.error).toMatch(/^422: The stored device could not be read/);

    const inChekt = await w.api.list(w.dealerId, siteId);
    const names = new Map(inChekt.map((d) => [d.external_device_id, d.name]));
    const [first, second, third] = devices.map((d) => d.external_device_id);
    if (kind === "create") {
      expect([...names.keys()].sort()).toEqual([first, third]);
    } else {
      expect(names.get(first!)).toBe(`${prefix} device 0 renamed`);
      expect(names.get(second!)).toBe(`${prefix} device 1`);
      expect(names.get(third!)).toBe(`${prefix} device 2 renamed`);
    }
  });

  it("the job page reads a stored payload that is no object as no cells, the others as stored", async () => {
    const siteId = await w.newSite("unreadable-view");
    const devices = devicesFor("badview", 2);
    const job = await w.db.$transaction((tx) =>
      insertBulkJob(tx, {
        dealerLinkId: w.dealerLinkId,
        chektSiteId: siteId,
        kind: "create",
        items: devices.map((device) => ({ kind: "create", device })),
        user: { id: "u-test", email: "operator@test.example" },
      }),
    );
    const broken = await w.db.bulkItem.findFirstOrThrow({ where: { jobId: job.id, position: 1 } });
    await w.db.bulkItem.update({ where: { id: broken.id }, data: { payload: ["badview-0001", "camera"] } });
    const items = await readJobItems(w.db, job.id, "all");
    expect(items.map((i) => i.payload)).toEqual([devices[0], {}]);
  });
});
