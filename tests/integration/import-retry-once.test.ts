// A failed row of a site import is retried once, as a device job's is (bulk-retry-once.test.ts): two
// "Retry selected" sent together reach the unique index on bulk_items.retry_of_id, and the second is
// refused whole with the check's message (ALREADY_RETRIED); a retry sent after the first is refused by the
// check with the same words (it used to get "not failed rows of this import … (already retried or
// succeeded)" from a plan that had quietly dropped the row). Through the action (actions/site-import.ts).
import "../support/console-mocks";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { cookieJar as jar } from "../support/next-headers";
import { OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted } from "../support/form-inputs";
import { failOnlyRow } from "../support/failed-job";

// The jobs are run by nobody here: only what the retry stores is looked at.
vi.mock("@/lib/background", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/background")>()),
  kickBulkJob: async () => undefined,
}));

const world = simFile("chekt_import_retry_once", { members: [OPERATOR], user: OPERATOR });
let imports: typeof import("@/actions/site-import");
let ALREADY_RETRIED: string;

beforeAll(async () => {
  imports = await import("@/actions/site-import");
  ({ ALREADY_RETRIED } = await import("@/lib/bulk/jobs"));
});

/** A finished import of one row that failed, as CHeKT's refusal leaves it: the job and the failed item. */
async function failedImportRow(n: number): Promise<{ jobId: string; itemId: string }> {
  const { insertSiteImportJob } = await import("@/lib/import/jobs");
  const id = `once-site-${n}`;
  const values = { external_site_id: id, name: `Once site ${n}`, timezone: "UTC" };
  const job = await world.prisma.$transaction((tx) =>
    insertSiteImportJob(tx, {
      dealerLinkId: world.linkId,
      user: { id: OPERATOR.id, email: OPERATOR.email },
      rows: [{ line: 2, values, item: { site: values, contacts: [], securityType: null } }],
    }),
  );
  return failOnlyRow(world.prisma, job.id);
}

describe("retrying a failed import row", () => {
  it("two retries sent together: one job, the other refused whole with the check's message", async () => {
    jar.set("dealer_link", world.linkId);
    const { jobId, itemId } = await failedImportRow(1);
    const input = { jobId, items: [{ itemId }] };
    const jobsBefore = await world.prisma.bulkJob.count({ where: { dealerLinkId: world.linkId } });
    const answers = await Promise.all([imports.retrySiteImport(input), imports.retrySiteImport(input)]);
    expect(answers.filter((a) => a?.data)).toHaveLength(1);
    expect(answers.flatMap((a) => (a?.serverError ? [a.serverError] : []))).toEqual([
      expect.objectContaining({ code: "conflict", message: ALREADY_RETRIED }),
    ]);
    expect(await world.prisma.bulkItem.count({ where: { retryOfId: itemId } })).toBe(1);
    expect(await world.prisma.bulkJob.count({ where: { dealerLinkId: world.linkId } })).toBe(jobsBefore + 1);
  });

  it("a row retried before is refused with the same message, and nothing is stored", async () => {
    jar.set("dealer_link", world.linkId);
    const { jobId, itemId } = await failedImportRow(2);
    accepted(await imports.retrySiteImport({ jobId, items: [{ itemId }] }));
    const jobsBefore = await world.prisma.bulkJob.count({ where: { dealerLinkId: world.linkId } });
    const again = await imports.retrySiteImport({ jobId, items: [{ itemId }] });
    expect(again?.serverError).toMatchObject({ code: "conflict", message: ALREADY_RETRIED });
    expect(await world.prisma.bulkJob.count({ where: { dealerLinkId: world.linkId } })).toBe(jobsBefore);
  });
});
