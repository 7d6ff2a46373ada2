// Audit rows reviewers found incomplete:
// - the row that closes a bulk job or a site import (lib/jobs/item-runner.ts) carried no trace id: it carries the
//   trace id of the action that started the job, so the job's rows are found from either end;
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

describe("the row that closes a job", () => {
  it("carries the trace id of the action that started it", async () => {
    jar.set("dealer_link", world.linkId);
    const site = [...world.sim.state.sites.values()].find((s) => s.dealer_id === 1)!.site_id;
    const { jobId } = accepted(
      await devices.addDeviceJob({
        siteId: site,
        external_device_id: "trace-cam-1",
        device_type: "camera",
        name: "Trace Cam",
        zone_number: "61",
        mac: "0A:00:00:00:99:01",
      }),
    );
    const [start] = await auditRows("devices.add");
    expect(start).toMatchObject({ externalId: jobId, outcome: "success", traceId: expect.stringMatching(UUID) });
    const { runBulkJob } = await import("@/lib/jobs/bulk-runner");
    const { appDeviceApi } = await import("@/lib/chekt/api/device-client");
    expect(await runBulkJob(jobId, { db: world.prisma, api: appDeviceApi(), maxBulk: 100 })).toBe("finished");
    const [closing] = await auditRows("devices.bulk.create.finish");
    expect(closing).toMatchObject({ externalId: jobId, outcome: "success", traceId: start!.traceId });
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
