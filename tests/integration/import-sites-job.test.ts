/**
 * The site import job against the real simulator over HTTP and a real database: every site and
 * contact exactly once under 5xx / 429 / dropped answers (client retries off, so each fault reaches
 * the runner), a run stopped mid-row and started again, a row whose contact CHeKT refuses reported
 * with the site kept and retried alone, and nothing written under another dealer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChektClient } from "@/lib/chekt/client";
import { siteImportApi, type SiteImportApi } from "@/lib/chekt/api/site-import";
import { ALREADY_RETRIED, readJobItems, readJobProgress } from "@/lib/bulk/jobs";
import { insertSiteImportJob, type NewImportRow } from "@/lib/import/jobs";
import { planImportRetry, type RetryFix } from "@/lib/import/retry";
import { runAnyBulkJob } from "@/lib/jobs/run-job";
import { RunAborted } from "@/lib/jobs/bulk-runner";
import { DEMO } from "@/simulator/seed";
import { startBulkWorld, type BulkWorld } from "./bulk-helpers";
import { clearSimFaults, simConfig, simFault } from "../support/sim-world";

let w: BulkWorld;
let bare: SiteImportApi;
const user = { id: "u-import", email: "operator@test.example" };
const noWait = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 50)));

beforeAll(async () => {
  // A fast bucket: the faults under test are injected, not the free tier's own 429s.
  w = await startBulkWorld({ simConfig: { rateLimitPerMin: 60_000, rateLimitBurstPerS: 1000 } });
  const client = createChektClient({
    baseUrl: w.sim.url,
    auth: { type: "client_secret", clientId: DEMO.partner.clientId, clientSecret: DEMO.partner.clientSecret },
    timeoutMs: 1000,
    maxAttempts: 1,
  });
  bare = siteImportApi(client);
}, 60_000);
afterAll(async () => {
  await w?.close();
});

function rows(prefix: string, n: number): NewImportRow[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `${prefix}-${String(i).padStart(3, "0")}`;
    const phone = `+1212555${String(1000 + i).slice(-4)}`;
    const contactCells = Object.fromEntries(
      [1, 2].flatMap((c) => [
        [`contact${c}_first_name`, `First${c}`],
        [`contact${c}_last_name`, `Last${i}`],
        [`contact${c}_phone`, phone],
      ]),
    );
    return {
      line: i + 2,
      values: { external_site_id: id, name: `${prefix} site ${i}`, timezone: "UTC", ...contactCells },
      item: {
        site: { external_site_id: id, name: `${prefix} site ${i}`, timezone: "UTC" },
        contacts: [1, 2].map((c) => ({
          external_contact_id: `${id}-C${c}`,
          first_name: `First${c}`,
          last_name: `Last${i}`,
          phone_number: phone,
        })),
        securityType: i % 5 === 0 ? 3 : null,
      },
    };
  });
}

async function submit(r: NewImportRow[], dealerLinkId = w.dealerLinkId) {
  return w.db.$transaction((tx) => insertSiteImportJob(tx, { dealerLinkId, user, rows: r }));
}

async function chektSites(prefix: string) {
  const res = await w.client.get("/partner/v1/dealers/{dealerId}/sites", {
    params: {
      path: { dealerId: w.dealerId },
      query: { filter: [`external_site_id,^${prefix}-,regex`], limit: 500, offset: 0 },
    },
  });
  return Array.isArray(res.data) ? res.data : [];
}

async function chektContacts(siteId: number) {
  const res = await w.client.get("/partner/v1/dealers/{dealerId}/sites/{siteId}/contacts", {
    params: { path: { dealerId: w.dealerId, siteId }, query: { limit: 200, offset: 0 } },
  });
  return Array.isArray(res.data) ? res.data : [];
}

const deps = (extra: Partial<Parameters<typeof runAnyBulkJob>[1]> = {}) => ({
  db: w.db,
  api: w.api,
  siteApi: bare,
  maxBulk: 100,
  sleep: noWait,
  maxUnknownAttempts: 50,
  ...extra,
});

/** CHeKT's external contact IDs under one site, sorted. */
const contactIds = async (siteId: number) => (await chektContacts(siteId)).map((c) => c.external_contact_id).sort();

/** The retry planner's context with nothing in use, and the given sites already in CHeKT. */
const noCtx = (existingSiteIds: string[] = []) => ({
  stations: [],
  existingSiteIds: new Set(existingSiteIds),
  accountsInUse: new Map<string, string>(),
  pattern: null,
  seqStart: 1,
});

/**
 * The retry of one failed row (its cells edited to `values` when given) with `existing` sites already in CHeKT,
 * seen to plan every row as valid.
 */
async function planRowRetry(jobId: string, itemId: string, o: Pick<RetryFix, "values"> & { existing?: string[] } = {}) {
  const plan = await planImportRetry(w.db, w.dealerLinkId, jobId, [{ itemId, values: o.values }], noCtx(o.existing));
  expect(plan?.invalid).toEqual([]);
  return plan!;
}

/** Runs the job against CHeKT as it is, and sees the run aborted right after CHeKT created the first contact. */
async function runStoppedAfterFirstContact(jobId: string, extra: Parameters<typeof deps>[0] = {}) {
  const abort = new AbortController();
  const stopping: SiteImportApi = {
    ...bare,
    async createContact(...args) {
      const res = await bare.createContact(...args);
      abort.abort();
      return res;
    },
  };
  const run = runAnyBulkJob(jobId, deps({ ...extra, siteApi: stopping, signal: abort.signal }));
  await expect(run).rejects.toBeInstanceOf(RunAborted);
}

/** One site whose contact 2 carries contact 1's ID: CHeKT creates the site and contact 1, refuses contact 2 (409). */
async function failedAtContact2(prefix: string, site: { address2?: string } = {}) {
  const [row] = rows(prefix, 1);
  Object.assign(row.values, site);
  Object.assign(row.item.site, site);
  row.item.contacts[1] = { ...row.item.contacts[1], external_contact_id: `${prefix}-000-C1` };
  const job = await submit([row]);
  expect(await runAnyBulkJob(job.id, deps())).toBe("finished");
  const [bad] = await readJobItems(w.db, job.id, "failed");
  // The closing row (lib/jobs/item-runner.ts) says what failed, in the import's own words.
  const closing = await w.db.auditLog.findMany({ where: { action: "sites.import.finish", externalId: job.id } });
  expect(closing).toHaveLength(1);
  expect(closing[0]).toMatchObject({ objectKind: "bulk_job", outcome: "failure", error: "1 of 1 rows failed" });
  expect(closing[0].after).toEqual({ jobId: job.id, succeeded: 0, failed: 1 });
  return { row, job, bad };
}

/** Runs a retry while CHeKT refuses contact 2 outright (422): the row fails again, with CHeKT's reason. */
async function retryRefused(planned: NewImportRow[]) {
  const retry = await submit(planned);
  const refusing: SiteImportApi = {
    ...bare,
    async createContact() {
      throw Object.assign(new Error("phone_number is not allowed"), { status: 422 });
    },
  };
  expect(await runAnyBulkJob(retry.id, deps({ siteApi: refusing }))).toBe("finished");
  const [bad] = await readJobItems(w.db, retry.id, "failed");
  expect(bad.errorMessage).toMatch(/but contact First2 Last0: phone_number is not allowed/);
  return { retry, bad };
}

/** Runs a retry of one row that lands: the job ends with the row succeeded. */
async function retryLands(planned: NewImportRow[]) {
  const retry = await submit(planned);
  expect(await runAnyBulkJob(retry.id, deps())).toBe("finished");
  const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: retry.id } });
  expect([done.succeeded, done.failed]).toEqual([1, 0]);
  return retry;
}

describe("site import job", () => {
  it("creates every site, contact and arming type once through 5xx, 429 and lost answers", async () => {
    await simFault(w.sim.url, {
      path: "/partner/v1/dealers/*/sites",
      method: "POST",
      rate_5xx: 0.15,
      status_5xx: 503,
      rate_429: 0.1,
    });
    await simFault(w.sim.url, {
      path: "/partner/v1/dealers/*/sites",
      method: "POST",
      drop_rate: 0.15,
      when: "after",
    });
    await simFault(w.sim.url, {
      path: "/partner/v1/dealers/*/sites/*/contacts",
      method: "POST",
      rate_5xx: 0.1,
      status_5xx: 500,
      drop_rate: 0.1,
      when: "after",
    });
    const job = await submit(rows("imp", 40));
    const logs: string[] = [];
    try {
      expect(await runAnyBulkJob(job.id, deps({ log: (m) => logs.push(m) }))).toBe("finished");
    } finally {
      await clearSimFaults(w.sim.url);
    }
    expect(logs.some((l) => l.includes("outcome unknown"))).toBe(true);
    const sites = await chektSites("imp");
    expect(sites.length).toBe(40);
    for (const s of sites.slice(0, 8))
      expect(await contactIds(s.site_id)).toEqual([`${s.external_site_id}-C1`, `${s.external_site_id}-C2`]);
    const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    expect([done.state, done.succeeded, done.failed]).toEqual(["done", 40, 0]);
    // Write-through: mirror rows, mappings and one audit row per accepted step, each with its trace id.
    expect(
      await w.db.mirrorSite.count({ where: { dealerLinkId: w.dealerLinkId, externalId: { startsWith: "imp-" } } }),
    ).toBe(40);
    // CHeKT's creation time comes along (the batch writer's JSON rows carry it under its column's name).
    expect(
      await w.db.mirrorSite.count({
        where: { dealerLinkId: w.dealerLinkId, externalId: { startsWith: "imp-" }, chektCreatedAt: null },
      }),
    ).toBe(0);
    expect(
      await w.db.mirrorContact.count({ where: { dealerLinkId: w.dealerLinkId, externalId: { startsWith: "imp-" } } }),
    ).toBe(80);
    expect(
      await w.db.mirrorArming.count({
        where: { dealerLinkId: w.dealerLinkId, siteId: { in: sites.map((s) => s.site_id) } },
      }),
    ).toBe(8);
    expect(
      await w.db.externalIdMapping.count({
        where: { dealerLinkId: w.dealerLinkId, externalId: { startsWith: "imp-" } },
      }),
    ).toBe(120);
    const audit = await w.db.auditLog.findMany({
      where: {
        action: { startsWith: "sites.import." },
        dealerLinkId: w.dealerLinkId,
        after: { path: ["jobId"], equals: job.id },
      },
    });
    expect(audit.filter((a) => a.action === "sites.import.site").length).toBe(40);
    expect(audit.filter((a) => a.action === "sites.import.contact").length).toBe(80);
    const steps = audit.filter((a) => a.action !== "sites.import.finish");
    expect(steps.filter((a) => !a.traceId || a.traceId.length < 10).map((a) => a.action)).toEqual([]);
  }, 180_000);

  it("a run stopped after CHeKT answered but before it was recorded resumes without doubling", async () => {
    const job = await submit(rows("rst", 12));
    const abort = new AbortController();
    let created = 0;
    const stopping: SiteImportApi = {
      ...bare,
      async createSite(...args) {
        const r = await bare.createSite(...args);
        if (++created === 5) abort.abort();
        return r;
      },
    };
    await expect(runAnyBulkJob(job.id, deps({ siteApi: stopping, signal: abort.signal }))).rejects.toBeInstanceOf(
      RunAborted,
    );
    const mid = await w.db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(mid.state).toBe("running");
    expect(await runAnyBulkJob(job.id, deps())).toBe("finished");
    const sites = await chektSites("rst");
    expect(sites.length).toBe(12);
    expect(new Set(sites.map((s) => s.external_site_id)).size).toBe(12);
    for (const s of sites) expect((await chektContacts(s.site_id)).length).toBe(2);
    const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    expect([done.state, done.succeeded, done.failed]).toEqual(["done", 12, 0]);
  }, 120_000);

  it("a refused contact fails its row with the site kept; the fixed row is retried alone", async () => {
    const r = rows("ctf", 3);
    // Both contacts of row 2 carry one external ID: CHeKT refuses the second (409).
    r[1].item.contacts[1] = {
      ...r[1].item.contacts[1],
      external_contact_id: r[1].item.contacts[0].external_contact_id,
    };
    const job = await submit(r);
    expect(await runAnyBulkJob(job.id, deps())).toBe("finished");
    const items = await readJobItems(w.db, job.id, "all");
    expect(items.map((i) => i.state)).toEqual(["succeeded", "failed", "succeeded"]);
    const bad = items[1];
    expect(bad.row).toBe(3);
    expect(bad.statusCode).toBe(409);
    expect(bad.errorMessage).toMatch(/^Site #\d+ is in CHeKT, but contact First2 Last1: .*already used/);
    const plan = await planRowRetry(job.id, bad.id, { existing: ["ctf-001"] });
    expect(plan.rows.map((x) => [x.existingSiteId, x.item.contacts.map((c) => c.external_contact_id)])).toEqual([
      [bad.chektDeviceId, ["ctf-001-C2"]],
    ]);
    const retry = await submit(plan.rows);
    expect(await runAnyBulkJob(retry.id, deps())).toBe("finished");
    const sites = await chektSites("ctf");
    expect(sites.length).toBe(3);
    const site = sites.find((s) => s.external_site_id === "ctf-001")!;
    expect(await contactIds(site.site_id)).toEqual(["ctf-001-C1", "ctf-001-C2"]);
    const again = await readJobItems(w.db, job.id, "failed");
    expect(again[0].retriedInJobId).toBe(retry.id);
    // A row retried once is not planned twice: refused with the message a device job's retry gives.
    await expect(planImportRetry(w.db, w.dealerLinkId, job.id, [{ itemId: bad.id }], noCtx())).rejects.toMatchObject({
      code: "conflict",
      message: ALREADY_RETRIED,
    });
  }, 120_000);

  const planned = (plan: Awaited<ReturnType<typeof planImportRetry>>) =>
    plan?.rows.map((x) => x.item.contacts.map((c) => c.external_contact_id));

  it("a retry takes the row's contacts from the edited cells by contact ID, along a chain of retries", async () => {
    const { row, job, bad } = await failedAtContact2("edt");
    // The operator empties contact 1's cells (it is in CHeKT) and fixes contact 2's phone: contact 2
    // now comes first in the row, but it is still contact 2 (edt-000-C2), the one to send.
    const edited = {
      ...row.values,
      contact1_first_name: "",
      contact1_last_name: "",
      contact1_phone: "",
      contact2_phone: "+1 212 555 0199",
    };
    const plan1 = await planRowRetry(job.id, bad.id, { values: edited });
    expect(planned(plan1)).toEqual([["edt-000-C2"]]);
    // That retry fails again (CHeKT refuses contact 2 outright) …
    const { retry: retry1, bad: bad2 } = await retryRefused(plan1.rows);
    // … and is retried from the original cells: contact 1 (accepted two jobs back) is not sent again.
    const plan2 = await planRowRetry(retry1.id, bad2.id, { values: row.values, existing: ["edt-000"] });
    expect(planned(plan2)).toEqual([["edt-000-C2"]]);
    await retryLands(plan2.rows);
    const [site] = await chektSites("edt");
    expect(await contactIds(site.site_id)).toEqual(["edt-000-C1", "edt-000-C2"]);
  }, 120_000);

  it("a retry that edits a contact CHeKT already accepted updates it there, once along the chain", async () => {
    const { row, job, bad } = await failedAtContact2("upd");
    const [site] = await chektSites("upd");
    const [c1] = await chektContacts(site.site_id);
    expect([c1.external_contact_id, c1.phone_number]).toEqual(["upd-000-C1", "+12125551000"]);
    // The operator corrects contact 1's phone and last name (already in CHeKT) and leaves contact 2 as it was.
    const edited = {
      ...row.values,
      contact1_last_name: "Lastname-Fixed",
      contact1_phone: "+1 212 555 0177",
    };
    const existing = ["upd-000"];
    const plan1 = await planRowRetry(job.id, bad.id, { values: edited, existing });
    expect(planned(plan1)).toEqual([["upd-000-C2"]]);
    expect(plan1.rows[0].item.contactUpdates).toEqual([
      {
        contactId: c1.contact_id,
        contact: expect.objectContaining({
          external_contact_id: "upd-000-C1",
          last_name: "Lastname-Fixed",
          phone_number: "+12125550177",
        }),
      },
    ]);
    // Contact 2 is refused again, so the row fails a second time, but contact 1's update is accepted.
    const { retry: retry1, bad: bad2 } = await retryRefused(plan1.rows);
    const updated = (await chektContacts(site.site_id)).find((c) => c.external_contact_id === "upd-000-C1")!;
    expect([updated.contact_id, updated.last_name, updated.phone_number]).toEqual([
      c1.contact_id,
      "Lastname-Fixed",
      "+12125550177",
    ]);
    // Write-through: the mirror row and an audit row with the update call's trace id.
    const mirrored = await w.db.mirrorContact.findUniqueOrThrow({
      where: { dealerLinkId_chektId: { dealerLinkId: w.dealerLinkId, chektId: c1.contact_id } },
    });
    expect([mirrored.lastName, mirrored.phone]).toEqual(["Lastname-Fixed", "+12125550177"]);
    const audit = await w.db.auditLog.findMany({
      where: { action: "sites.import.contact.update", dealerLinkId: w.dealerLinkId, chektId: String(c1.contact_id) },
    });
    expect(audit.map((a) => [a.outcome, (a.traceId ?? "").length > 10])).toEqual([["success", true]]);
    // Retried again with the same cells: the update CHeKT accepted one job back is not sent again.
    const plan2 = await planRowRetry(retry1.id, bad2.id, { values: edited, existing });
    expect(planned(plan2)).toEqual([["upd-000-C2"]]);
    expect(plan2.rows[0].item.contactUpdates).toEqual([]);
    await retryLands(plan2.rows);
    expect(await contactIds(site.site_id)).toEqual(["upd-000-C1", "upd-000-C2"]);
  }, 120_000);

  it("a retry that edits the site CHeKT already accepted updates it there, once along the chain", async () => {
    const { row, job, bad } = await failedAtContact2("sup", { address2: "Suite 5" });
    const [site] = await chektSites("sup");
    expect([site.name, site.timezone, site.address2]).toEqual(["sup site 0", "UTC", "Suite 5"]);
    // The operator corrects the site's name, time zone and address and empties its second address line (the
    // site is already in CHeKT): the emptied cell is cleared there too.
    const edited = {
      ...row.values,
      name: "sup site fixed",
      timezone: "America/New_York",
      address1: "1 Main St",
      address2: "",
    };
    const existing = ["sup-000"];
    const plan1 = await planRowRetry(job.id, bad.id, { values: edited, existing });
    expect(planned(plan1)).toEqual([["sup-000-C2"]]);
    expect(plan1.rows.map((x) => [x.existingSiteId, x.item.siteUpdate])).toEqual([[site.site_id, true]]);
    // Contact 2 is refused again, so the row fails a second time, but the site's update is accepted.
    const { retry: retry1, bad: bad2 } = await retryRefused(plan1.rows);
    const [updated] = await chektSites("sup");
    expect([updated.site_id, updated.name, updated.timezone, updated.address1, updated.address2]).toEqual([
      site.site_id,
      "sup site fixed",
      "America/New_York",
      "1 Main St",
      null,
    ]);
    // Write-through: the mirror row and one audit row with the update call's trace id.
    const mirrored = await w.db.mirrorSite.findUniqueOrThrow({
      where: { dealerLinkId_chektId: { dealerLinkId: w.dealerLinkId, chektId: site.site_id } },
    });
    expect([mirrored.name, mirrored.timezone, mirrored.address1, mirrored.address2]).toEqual([
      "sup site fixed",
      "America/New_York",
      "1 Main St",
      null,
    ]);
    const audit = await w.db.auditLog.findMany({
      where: { action: "sites.import.site.update", dealerLinkId: w.dealerLinkId, chektId: String(site.site_id) },
    });
    expect(audit.map((a) => [a.outcome, (a.traceId ?? "").length > 10])).toEqual([["success", true]]);
    // Retried again with the same cells: the update CHeKT accepted one job back is not sent again.
    const plan2 = await planRowRetry(retry1.id, bad2.id, { values: edited, existing });
    expect(plan2.rows.map((x) => [x.existingSiteId, x.item.siteUpdate])).toEqual([[site.site_id, false]]);
    await retryLands(plan2.rows);
    expect(
      await w.db.auditLog.count({ where: { action: "sites.import.site.update", chektId: String(site.site_id) } }),
    ).toBe(1);
  }, 120_000);

  it("a contact sent before under a key CHeKT no longer keeps is looked up by its ID, not created again", async () => {
    const job = await submit(rows("lps", 2));
    // Stop right after CHeKT created the first contact of the first row, before it is recorded. One row at a
    // time, so the stop lands on the first row and no other row is mid-way.
    await runStoppedAfterFirstContact(job.id, { importConcurrency: 1 });
    const [first] = await chektSites("lps");
    expect(first.external_site_id).toBe("lps-000");
    expect((await chektContacts(first.site_id)).map((c) => c.external_contact_id)).toEqual(["lps-000-C1"]);
    // A day later: CHeKT has forgotten the keys, and the runner knows they are older than it keeps them.
    await simConfig(w.sim.url, { idempotencyTtlS: 0.001 });
    const sent: string[] = [];
    const counting: SiteImportApi = {
      ...bare,
      async createContact(dealerId, siteId, body, o) {
        sent.push(body.external_contact_id);
        return bare.createContact(dealerId, siteId, body, o);
      },
    };
    try {
      expect(await runAnyBulkJob(job.id, deps({ siteApi: counting, keyLifetimeMs: 0 }))).toBe("finished");
    } finally {
      await simConfig(w.sim.url, { idempotencyTtlS: 24 * 3600 });
    }
    expect(sent).not.toContain("lps-000-C1");
    const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    expect([done.state, done.succeeded, done.failed]).toEqual(["done", 2, 0]);
    for (const s of await chektSites("lps"))
      expect(await contactIds(s.site_id)).toEqual([`${s.external_site_id}-C1`, `${s.external_site_id}-C2`]);
    expect(
      await w.db.mirrorContact.count({ where: { dealerLinkId: w.dealerLinkId, externalId: { startsWith: "lps-" } } }),
    ).toBe(4);
  }, 120_000);

  it("a contact resent under an expired key that CHeKT refuses as a duplicate is settled as ours", async () => {
    const job = await submit(rows("dup", 1));
    await runStoppedAfterFirstContact(job.id);
    // The runner does not know the key lapsed (its clock says it is fresh), but CHeKT forgot it.
    await simConfig(w.sim.url, { idempotencyTtlS: 0.001 });
    try {
      expect(await runAnyBulkJob(job.id, deps())).toBe("finished");
    } finally {
      await simConfig(w.sim.url, { idempotencyTtlS: 24 * 3600 });
    }
    const done = await w.db.bulkJob.findUniqueOrThrow({ where: { id: job.id } });
    expect([done.succeeded, done.failed]).toEqual([1, 0]);
    const [site] = await chektSites("dup");
    expect((await chektContacts(site.site_id)).length).toBe(2);
  }, 120_000);

  it("keeps dealers apart: another dealer link neither reads the job nor plans its retry", async () => {
    const other = await w.db.dealerLink.create({
      data: {
        chektDealerId: DEMO.dealers.northwind.id,
        externalDealerId: DEMO.dealers.northwind.external,
        companyName: DEMO.dealers.northwind.name,
        connectedAt: new Date(),
      },
    });
    const job = await submit(rows("iso", 2));
    expect(await runAnyBulkJob(job.id, deps())).toBe("finished");
    expect(await readJobProgress(w.db, job.id, other.id)).toBeNull();
    expect(await planImportRetry(w.db, other.id, job.id, [], noCtx())).toBeNull();
    expect(await w.db.mirrorSite.count({ where: { dealerLinkId: other.id } })).toBe(0);
    expect(await w.db.auditLog.count({ where: { dealerLinkId: other.id } })).toBe(0);
  }, 60_000);
});
