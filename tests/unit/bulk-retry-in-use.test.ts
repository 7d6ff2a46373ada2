// A retry of failed device rows (lib/bulk/retry.ts) is checked as a new job's rows are
// (actions/devices.ts, through idsInUse in lib/bulk/site-devices.ts): an external ID the dealer's
// other sites hold, as the mirror has it, is refused before a job is stored, naming the device and
// site, instead of being sent to fail again with CHeKT's 409. Postgres and CHeKT are stand-ins here.
import "../support/no-postgres";
import { beforeEach, describe, expect, it, vi } from "vitest";

const store = vi.hoisted(() => ({
  items: [] as { id: string; position: number; sheetLine: number; payload: unknown; chektDeviceId: number | null }[],
  mirror: [] as { externalId: string; chektId: number; siteId: number; name: string | null }[],
  siteDevices: [] as { device_id: number; external_device_id: string }[],
  mirrorAsked: [] as unknown[],
}));

vi.mock("@/lib/db", () => ({
  prisma: {
    bulkJob: {
      findFirst: async () => ({ id: "job-1", chektSiteId: 20, kind: "create", dealerLinkId: "link-1" }),
    },
    bulkItem: {
      // The failed rows asked for, then (by retryOfId) the rows that already retried them: none.
      findMany: async (q: { where: { retryOfId?: unknown } }) => (q.where.retryOfId ? [] : store.items),
    },
    mirrorDevice: {
      findMany: async (q: { where: unknown }) => {
        store.mirrorAsked.push(q.where);
        return store.mirror.filter((d) => d.siteId !== 20);
      },
    },
    mirrorSite: { findMany: async () => [{ chektId: 12, name: "Harbor" }] },
  },
}));
vi.mock("@/lib/chekt/api/device-client", () => ({
  appDeviceApi: () => ({ list: async () => store.siteDevices }),
}));

import { ActionError } from "@/lib/actions/errors";
import { planRetry } from "@/lib/bulk/retry";

const scope = { dealerLinkId: "link-1", dealerId: 7, externalDealerId: "acme", companyName: "Acme" };
const failedRow = (id: string, external_device_id: string) => ({
  id,
  position: 1,
  sheetLine: 4,
  chektDeviceId: null,
  payload: { external_device_id, device_type: "camera", name: "Gate" },
});

beforeEach(() => {
  store.items = [];
  store.mirror = [{ externalId: "fd-1", chektId: 501, siteId: 12, name: "Front Door" }];
  store.siteDevices = [];
  store.mirrorAsked = [];
});

describe("planRetry and the dealer's other sites", () => {
  it("refuses a row whose external ID another site holds, naming the device and site", async () => {
    store.items = [failedRow("item-1", "fd-1")];
    const refused = await planRetry(scope, { jobId: "job-1", items: [{ itemId: "item-1" }] }, "trace-1").then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ActionError);
    expect(refused instanceof ActionError && refused.fieldErrors).toEqual({
      "row.1": 'Device ID (yours) "fd-1" is already used by Front Door at Harbor. Choose another ID.',
    });
    // The mirror was asked about the rows' IDs on the dealer's other sites only.
    expect(store.mirrorAsked).toEqual([
      expect.objectContaining({ dealerLinkId: "link-1", externalId: { in: ["fd-1"] }, siteId: { not: 20 } }),
    ]);
  });

  it("sends a fixed row whose new ID nobody holds", async () => {
    store.items = [failedRow("item-1", "fd-1")];
    const plan = await planRetry(
      scope,
      {
        jobId: "job-1",
        items: [{ itemId: "item-1", values: { external_device_id: "gate-2", device_type: "camera", name: "Gate" } }],
      },
      "trace-1",
    );
    expect(plan.retryOf).toEqual(["item-1"]);
    expect(plan.items).toEqual([
      expect.objectContaining({
        kind: "create",
        sheetLine: 4,
        device: expect.objectContaining({ external_device_id: "gate-2" }),
      }),
    ]);
  });
});
