/**
 * An external ID another of the dealer's sites holds is refused before a job is stored: CHeKT keeps
 * them unique per dealer and would 409 the row. Where it is in use comes from the mirror, named the
 * way the console names sites (siteLabel). Real Postgres, the real simulator over HTTP, the real runner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertBulkJob, readJobItems } from "@/lib/bulk/jobs";
import { explainDuplicates, heldOnOtherSites } from "@/lib/bulk/duplicates";
import { validateRows } from "@/lib/bulk/validate";
import { runBulkJob } from "@/lib/jobs/bulk-runner";
import { mirrorSiteNamed, startBulkWorld, type BulkWorld } from "./bulk-helpers";

let w: BulkWorld;
beforeAll(async () => {
  w = await startBulkWorld();
});
afterAll(async () => {
  await w?.close();
});

async function create(siteId: number, external_device_id: string, name: string) {
  const job = await w.db.$transaction((tx) =>
    insertBulkJob(tx, {
      dealerLinkId: w.dealerLinkId,
      chektSiteId: siteId,
      kind: "create",
      items: [{ kind: "create", device: { external_device_id, device_type: "camera", name } }],
      user: { id: "u-test", email: "operator@test.example" },
    }),
  );
  expect(await runBulkJob(job.id, { db: w.db, api: w.api, maxBulk: 100 })).toBe("finished");
  return readJobItems(w.db, job.id, "all");
}

const row = (id: string) => [{ line: 2, values: { external_device_id: id, device_type: "camera", name: "Gate" } }];

describe("external IDs held on the dealer's other sites", () => {
  it("are known before a job, named by device and site; the site's own are left to its own check", async () => {
    const harbor = await w.newSite("harbor");
    const target = await w.newSite("target");
    const id = `fd-${Date.now().toString(36)}`;
    await create(harbor, id, "Front Door");

    // The mirror has the device (written through by the job), not yet its site's name.
    let held = await heldOnOtherSites(w.db, w.dealerLinkId, target, [id, "nowhere"]);
    expect([...held]).toEqual([[id, { device: "Front Door", site: `Site ${harbor}` }]]);
    expect((await heldOnOtherSites(w.db, w.dealerLinkId, harbor, [id])).size).toBe(0);

    // What the review was told before: fine. What it is told now: where the ID is in use.
    const [before] = validateRows(row(id), { mode: "create", existingExternalIds: [] });
    expect(before.errors).toEqual({});
    const [now] = validateRows(row(id), { mode: "create", existingExternalIds: [], usedElsewhere: held });
    expect(now.errors.external_device_id).toBe(
      `Device ID (yours) "${id}" is already used by Front Door at Site ${harbor}. Choose another ID.`,
    );
    // …which is what the job would have met: CHeKT's 409.
    const [failed] = await create(target, id, "Gate");
    expect([failed.state, failed.statusCode]).toEqual(["failed", 409]);

    await mirrorSiteNamed(w, harbor, "Harbor Logistics Warehouse");
    held = await heldOnOtherSites(w.db, w.dealerLinkId, target, [id]);
    expect(held.get(id)).toEqual({ device: "Front Door", site: "Harbor Logistics Warehouse" });
    const [explained] = await explainDuplicates(w.db, w.dealerLinkId, [failed]);
    expect(explained.errorMessage).toBe(
      `Device ID (yours) "${id}" is already used by Front Door at Harbor Logistics Warehouse. Choose another ID.`,
    );
  });
});
