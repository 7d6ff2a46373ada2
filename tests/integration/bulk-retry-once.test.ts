// A failed row is retried once: two "Retry selected" sent together (a double click, a second tab) used to
// pass the "already retried?" check both, before either had written its job, and queue two jobs sending the
// same rows (CHeKT refused the second with 409s). Postgres now holds the rule (bulk_items.retry_of_id is
// unique), so the second is refused whole with the message the check gives, and nothing of it is stored.
import "../support/console-mocks";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { cookieJar as jar } from "../support/next-headers";
import { ADMIN, OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted } from "../support/form-inputs";
import { failOnlyRow } from "../support/failed-job";

// The job is run here, not by this process's queue worker.
vi.mock("@/lib/background", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/background")>()),
  kickBulkJob: async () => undefined,
}));

const world = simFile("chekt_retry_once", { members: [OPERATOR, ADMIN], user: OPERATOR });
let devices: typeof import("@/actions/devices");

beforeAll(async () => {
  devices = await import("@/actions/devices");
});

const siteId = () => [...world.sim.state.sites.values()].find((s) => s.dealer_id === 1)!.site_id;

/** A finished job of one row that failed, as CHeKT's refusal leaves it: the failed item's id. */
async function failedRow(n: number): Promise<{ jobId: string; itemId: string }> {
  const { jobId } = accepted(
    await devices.addDeviceJob({
      siteId: siteId(),
      external_device_id: `once-cam-${n}`,
      device_type: "camera",
      name: `Once Cam ${n}`,
      zone_number: String(70 + n),
      mac: `0A:00:00:00:98:0${n}`,
    }),
  );
  return failOnlyRow(world.prisma, jobId);
}

describe("retrying failed rows", () => {
  it("two retries of the same row sent together: one job, the other told the row was already retried", async () => {
    jar.set("dealer_link", world.linkId);
    const { jobId, itemId } = await failedRow(1);
    const input = { jobId, items: [{ itemId }] };
    const jobsBefore = await world.prisma.bulkJob.count({ where: { dealerLinkId: world.linkId } });
    const answers = await Promise.all([devices.retryFailedItems(input), devices.retryFailedItems(input)]);
    const started = answers.filter((a) => a?.data);
    const refused = answers.filter((a) => a?.serverError);
    expect(started).toHaveLength(1);
    expect(refused.map((a) => a?.serverError)).toEqual([
      expect.objectContaining({ code: "conflict", message: expect.stringMatching(/already retried/) }),
    ]);
    const retries = await world.prisma.bulkItem.findMany({ where: { retryOfId: itemId } });
    expect(retries).toHaveLength(1);
    // Nothing of the refused one is left: one job more, the retry.
    expect(await world.prisma.bulkJob.count({ where: { dealerLinkId: world.linkId } })).toBe(jobsBefore + 1);
  });

  it("a row retried before is refused with the same message", async () => {
    jar.set("dealer_link", world.linkId);
    const { jobId, itemId } = await failedRow(2);
    accepted(await devices.retryFailedItems({ jobId, items: [{ itemId }] }));
    const again = await devices.retryFailedItems({ jobId, items: [{ itemId }] });
    expect(again?.serverError).toMatchObject({ code: "conflict", message: expect.stringMatching(/already retried/) });
  });
});
