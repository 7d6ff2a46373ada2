/**
 * A duplicate external ID says where it is: the job's 409 rows are explained from the mirror (or,
 * for an ID the mirror has not seen, from our mappings and the name CHeKT gave the job that made
 * it), and job rows keep the sheet line the review showed. Real Postgres, the real simulator over
 * HTTP, the real runner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBulkJob, readJobItems, type NewItem } from "@/lib/bulk/jobs";
import { explainDuplicates } from "@/lib/bulk/duplicates";
import { runBulkJob } from "@/lib/jobs/bulk-runner";
import { mirrorSiteNamed, startBulkWorld, type BulkWorld } from "./bulk-helpers";

let w: BulkWorld;
beforeAll(async () => {
  w = await startBulkWorld();
});
afterAll(async () => {
  await w?.close();
});

async function run(siteId: number, items: NewItem[]) {
  const job = await w.db.$transaction((tx) =>
    insertBulkJob(tx, {
      dealerLinkId: w.dealerLinkId,
      chektSiteId: siteId,
      kind: "create",
      items,
      user: { id: "u-test", email: "operator@test.example" },
    }),
  );
  expect(await runBulkJob(job.id, { db: w.db, api: w.api, maxBulk: 100 })).toBe("finished");
  return job.id;
}

const camera = (external_device_id: string, name: string, sheetLine?: number): NewItem => ({
  kind: "create",
  device: { external_device_id, device_type: "camera", name },
  sheetLine,
});

describe("duplicate external IDs", () => {
  it("name the device and the site that hold the ID; rows keep their sheet line", async () => {
    const harbor = await w.newSite("harbor");
    const target = await w.newSite("target");
    const stamp = Date.now().toString(36);
    await run(harbor, [camera(`fd-${stamp}`, "Front Door")]);
    // Made outside this console: no mapping, and the mirror has not seen it yet.
    await w.client.post("/partner/v1/dealers/{dealerId}/sites/{siteId}/devices", {
      params: { path: { dealerId: w.dealerId, siteId: harbor } },
      body: [{ external_device_id: `ext-${stamp}`, device_type: "camera", name: "Made elsewhere" }],
    });

    const jobId = await run(target, [
      camera(`fd-${stamp}`, "Gate", 21),
      camera(`ok-${stamp}`, "Yard", 23),
      camera(`ext-${stamp}`, "Dock", 24),
    ]);
    const raw = await readJobItems(w.db, jobId, "all");
    expect(raw.map((i) => [i.row, i.fromSheet, i.state, i.statusCode])).toEqual([
      [21, true, "failed", 409],
      [23, true, "succeeded", null],
      [24, true, "failed", 409],
    ]);

    // The mirror has the device (written through by the first job) but not yet the site's name:
    // the site is named as the console names it everywhere (siteLabel).
    let items = await explainDuplicates(w.db, w.dealerLinkId, raw);
    expect(items[0].errorMessage).toBe(
      `Device ID (yours) "fd-${stamp}" is already used by Front Door at Site ${harbor}. Choose another ID.`,
    );
    expect(items[2].errorMessage).toBe(raw[2].errorMessage);
    expect(items[2].errorMessage).toMatch(/already exists/);

    await mirrorSiteNamed(w, harbor, "Harbor Logistics Warehouse");
    items = await explainDuplicates(w.db, w.dealerLinkId, raw);
    expect(items[0].errorMessage).toBe(
      `Device ID (yours) "fd-${stamp}" is already used by Front Door at Harbor Logistics Warehouse. Choose another ID.`,
    );

    // Without the mirror's row, our mapping and the name CHeKT gave the first job say the same.
    await w.db.mirrorDevice.deleteMany({ where: { dealerLinkId: w.dealerLinkId, externalId: `fd-${stamp}` } });
    items = await explainDuplicates(w.db, w.dealerLinkId, raw);
    expect(items[0].errorMessage).toBe(
      `Device ID (yours) "fd-${stamp}" is already used by Front Door at Harbor Logistics Warehouse. Choose another ID.`,
    );
    // Rows that did not fail are untouched.
    expect(items[1]).toEqual(raw[1]);
  });

  it("rows without a sheet line (grid edits, the add-device form) are numbered by position", async () => {
    const site = await w.newSite("positions");
    const jobId = await run(site, [camera(`p-${Date.now().toString(36)}`, "One")]);
    const [item] = await readJobItems(w.db, jobId, "all");
    expect([item.row, item.fromSheet]).toEqual([1, false]);
  });
});
