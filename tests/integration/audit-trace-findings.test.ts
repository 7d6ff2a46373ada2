// Audit rows reviewers found incomplete:
// - the row that closes a bulk job or a site import (lib/jobs/item-runner.ts) carried no trace id: it carries the
//   trace id of the action that started the job (stored on the job), so the job's rows are found from either end;
// - the dealer's own checklist (actions/verification-outcomes.ts) was recorded with the object kind "ctx.dealer".
import "../support/console-mocks";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { session } from "../support/session";
import { cookieJar as jar } from "../support/next-headers";
import { ADMIN, OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted } from "../support/form-inputs";
import { testAuditRows } from "../support/audit-rows";

// The job is run here, not by this process's queue worker.
vi.mock("@/lib/background", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/background")>()),
  kickBulkJob: async () => undefined,
}));

const world = simFile("chekt_audit_trace", { members: [OPERATOR, ADMIN], user: OPERATOR });
const auditRows = testAuditRows(world);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let devices: typeof import("@/actions/devices");
let outcomes: typeof import("@/actions/verification-outcomes");

beforeAll(async () => {
  devices = await import("@/actions/devices");
  outcomes = await import("@/actions/verification-outcomes");
});

/** Runs the job here to its end. */
async function runJob(jobId: string) {
  const { runBulkJob } = await import("@/lib/jobs/bulk-runner");
  const { appDeviceApi } = await import("@/lib/chekt/api/device-client");
  expect(await runBulkJob(jobId, { db: world.prisma, api: appDeviceApi(), maxBulk: 100 })).toBe("finished");
}

const siteId = () => [...world.sim.state.sites.values()].find((s) => s.dealer_id === 1)!.site_id;

const camera = (n: number) => ({
  siteId: siteId(),
  external_device_id: `trace-cam-${n}`,
  device_type: "camera" as const,
  name: `Trace Cam ${n}`,
  zone_number: String(60 + n),
  mac: `0A:00:00:00:99:0${n}`,
});

describe("the row that closes a job", () => {
  it("carries the trace id of the action that started it, stored on the job", async () => {
    jar.set("dealer_link", world.linkId);
    const { jobId } = accepted(await devices.addDeviceJob(camera(1)));
    const [start] = await auditRows("devices.add");
    expect(start).toMatchObject({ externalId: jobId, outcome: "success", traceId: expect.stringMatching(UUID) });
    // The job says it, however long ago it was stored (a job resumed a day later closes with it as well).
    const stored = await world.prisma.bulkJob.update({
      where: { id: jobId },
      data: { createdAt: new Date(Date.now() - 86_400_000) },
    });
    expect(stored.traceId).toBe(start!.traceId);
    await runJob(jobId);
    const [closing] = await auditRows("devices.bulk.create.finish");
    expect(closing).toMatchObject({ externalId: jobId, outcome: "success", traceId: start!.traceId });
  });

  it("of a retry carries the retry's trace id, not the first job's", async () => {
    jar.set("dealer_link", world.linkId);
    const first = accepted(await devices.addDeviceJob(camera(2))).jobId;
    // The row failed as CHeKT's refusal would leave it; the job then closes as failed with nothing sent.
    await world.prisma.bulkItem.updateMany({
      where: { jobId: first },
      data: { state: "failed", statusCode: 409, errorMessage: "refused" },
    });
    await runJob(first);
    const [failed] = await world.prisma.bulkItem.findMany({ where: { jobId: first } });
    const { jobId } = accepted(await devices.retryFailedItems({ jobId: first, items: [{ itemId: failed!.id }] }));
    const [[started], [retry]] = await Promise.all([auditRows("devices.add"), auditRows("devices.bulk.retry")]);
    expect(retry).toMatchObject({ externalId: jobId, outcome: "success", traceId: expect.stringMatching(UUID) });
    expect(retry!.traceId).not.toBe(started!.traceId);
    expect((await world.prisma.bulkJob.findUniqueOrThrow({ where: { id: jobId } })).traceId).toBe(retry!.traceId);
    await runJob(jobId);
    const closings = await auditRows("devices.bulk.create.finish");
    expect(closings.map((r) => [r.externalId, r.outcome, r.traceId])).toEqual([
      [first, "failure", started!.traceId],
      [jobId, "success", retry!.traceId],
    ]);
  });
});

describe("the dealer's checklist", () => {
  it("is recorded as the dealer's (object kind dealer)", async () => {
    session.user = ADMIN;
    jar.set("dealer_link", world.linkId);
    accepted(
      await outcomes.saveChecklistAction({ mode: "own", steps: [{ text: "Call the keyholder", optional: false }] }),
    );
    const rows = await auditRows("verifications.checklist");
    expect(rows.map((r) => [r.objectKind, r.chektId, r.dealerLinkId])).toEqual([["dealer", null, world.linkId]]);
  });
});
