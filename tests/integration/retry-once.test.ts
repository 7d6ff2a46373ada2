// A failed row is retried once, a device job's and a site import's alike. Two "Retry selected" sent together (a
// double click, a second tab) used to pass the "already retried?" check both, before either had written its job,
// and queue two jobs sending the same rows (CHeKT refused the second with 409s). Postgres now holds the rule
// (bulk_items.retry_of_id is unique), so the second is refused whole with the check's message (ALREADY_RETRIED)
// and nothing of it is stored; a retry sent after the first is refused by the check with the same words (an
// import's used to get "not failed rows of this import … (already retried or succeeded)" from a plan that had
// quietly dropped the row). Through the actions (actions/devices.ts, actions/site-import.ts).
import "../support/console-mocks";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { cookieJar as jar } from "../support/next-headers";
import { ADMIN, OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted } from "../support/form-inputs";
import type { ActionResult } from "../support/action-registry";

// The jobs are run by nobody here: only what the retry stores is looked at.
vi.mock("@/lib/background", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/background")>()),
  kickBulkJob: async () => undefined,
}));

const world = simFile("chekt_retry_once", { members: [OPERATOR, ADMIN], user: OPERATOR });
let devices: typeof import("@/actions/devices");
let imports: typeof import("@/actions/site-import");
let ALREADY_RETRIED: string;

beforeAll(async () => {
  devices = await import("@/actions/devices");
  imports = await import("@/actions/site-import");
  ({ ALREADY_RETRIED } = await import("@/lib/bulk/jobs"));
});

type FailedRow = { jobId: string; itemId: string };

/** Marks job `jobId`'s one row failed as CHeKT's refusal would, and the job failed: the job and its row's id. */
async function failOnlyRow(jobId: string): Promise<FailedRow> {
  await world.prisma.bulkItem.updateMany({
    where: { jobId },
    data: { state: "failed", statusCode: 409, errorMessage: "refused" },
  });
  await world.prisma.bulkJob.update({ where: { id: jobId }, data: { state: "failed" } });
  const item = await world.prisma.bulkItem.findFirstOrThrow({ where: { jobId } });
  return { jobId, itemId: item.id };
}

const siteId = () => [...world.sim.state.sites.values()].find((s) => s.dealer_id === 1)!.site_id;

/** A finished device job of one row that failed. */
async function failedDeviceRow(n: number): Promise<FailedRow> {
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
  return failOnlyRow(jobId);
}

/** A finished site import of one row that failed. */
async function failedImportRow(n: number): Promise<FailedRow> {
  const { insertSiteImportJob } = await import("@/lib/import/jobs");
  const values = { external_site_id: `once-site-${n}`, name: `Once site ${n}`, timezone: "UTC" };
  const job = await world.prisma.$transaction((tx) =>
    insertSiteImportJob(tx, {
      dealerLinkId: world.linkId,
      user: { id: OPERATOR.id, email: OPERATOR.email },
      rows: [{ line: 2, values, item: { site: values, contacts: [], securityType: null } }],
    }),
  );
  return failOnlyRow(job.id);
}

type Retry = (input: { jobId: string; items: { itemId: string }[] }) => Promise<ActionResult | undefined>;
const RETRIES: { what: string; retry: () => Retry; failedRow: (n: number) => Promise<FailedRow> }[] = [
  { what: "a device job's failed row", retry: () => devices.retryFailedItems, failedRow: failedDeviceRow },
  { what: "a site import's failed row", retry: () => imports.retrySiteImport, failedRow: failedImportRow },
];

const jobsOfTheDealer = () => world.prisma.bulkJob.count({ where: { dealerLinkId: world.linkId } });

describe.each(RETRIES)("retrying $what", ({ retry, failedRow }) => {
  it("two retries sent together: one job, the other refused whole with the check's message", async () => {
    jar.set("dealer_link", world.linkId);
    const { jobId, itemId } = await failedRow(1);
    const input = { jobId, items: [{ itemId }] };
    const jobsBefore = await jobsOfTheDealer();
    const answers = await Promise.all([retry()(input), retry()(input)]);
    expect(answers.filter((a) => a?.data)).toHaveLength(1);
    expect(answers.flatMap((a) => (a?.serverError ? [a.serverError] : []))).toEqual([
      expect.objectContaining({ code: "conflict", message: ALREADY_RETRIED }),
    ]);
    expect(await world.prisma.bulkItem.count({ where: { retryOfId: itemId } })).toBe(1);
    // Nothing of the refused one is left: one job more, the retry.
    expect(await jobsOfTheDealer()).toBe(jobsBefore + 1);
  });

  it("a row retried before is refused with the same message, and nothing is stored", async () => {
    jar.set("dealer_link", world.linkId);
    const { jobId, itemId } = await failedRow(2);
    accepted(await retry()({ jobId, items: [{ itemId }] }));
    const jobsBefore = await jobsOfTheDealer();
    const again = await retry()({ jobId, items: [{ itemId }] });
    expect(again?.serverError).toMatchObject({ code: "conflict", message: ALREADY_RETRIED });
    expect(await jobsOfTheDealer()).toBe(jobsBefore);
  });
});
