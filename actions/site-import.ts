"use server";
// Site import (docs/import.md): the sheet is checked again here against the mirror, then stored as
// one durable job with its audit row in one transaction, and the worker is woken.
import { revalidatePath } from "next/cache";
import { dealerActionClient, type DealerActionContext } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { storeJob, type JobStarted } from "@/lib/actions/store-job";
import { prisma } from "@/lib/db";
import { loadImportContext, siteContext } from "@/lib/import/context";
import { patternProblem } from "@/lib/import/id-pattern";
import { insertSiteImportJob, type NewImportRow } from "@/lib/import/jobs";
import { planImportRetry } from "@/lib/import/retry";
import { idPatternInput, retryImportInput, startImportInput } from "@/lib/import/schemas";
import { validateSiteRows, type SiteErrors } from "@/lib/import/validate";

/** Up to 50 row messages for the page, keyed "row.<line>". */
function rowErrors(rows: { line: number; errors: SiteErrors }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows.slice(0, 50)) out[`row.${r.line}`] = Object.values(r.errors).join("; ");
  return out;
}

/** The import stored as one job (its audit row says `after` and how many rows), then the sites page refreshed. */
async function storeImport(ctx: DealerActionContext, rows: NewImportRow[], after: Record<string, unknown>) {
  const jobId = await storeJob(ctx, { ...after, rows: rows.length }, (tx, job) =>
    insertSiteImportJob(tx, { ...job, rows }),
  );
  revalidatePath("/sites");
  return jobId;
}

export const startSiteImport = dealerActionClient
  .metadata({ name: "sites.import", role: "operator", objectKind: "bulk_job" })
  .inputSchema(startImportInput)
  .action(async ({ parsedInput, ctx }): Promise<JobStarted> => {
    const data = await loadImportContext(prisma, ctx.dealer.id);
    if (parsedInput.pattern !== null && parsedInput.pattern !== data.pattern) {
      throw new ActionError(
        "conflict",
        `The ID pattern changed to ${data.pattern} since the review; review the sheet again. Nothing was sent.`,
      );
    }
    const checked = validateSiteRows(parsedInput.rows, siteContext(data, parsedInput.pattern));
    const invalid = checked.filter((r) => !r.item);
    if (invalid.length > 0 && !parsedInput.skipInvalid) {
      const n = invalid.length;
      throw new ActionError(
        "invalid_rows",
        `${n} row${n === 1 ? " has" : "s have"} errors. Fix ${n === 1 ? "it" : "them"} or skip invalid ` +
          "rows; nothing was sent.",
        rowErrors(invalid),
      );
    }
    const valid = checked.flatMap((r) =>
      r.item
        ? [{ line: r.line, values: { ...r.values, external_site_id: r.item.site.external_site_id }, item: r.item }]
        : [],
    );
    if (valid.length === 0)
      throw new ActionError("invalid_rows", "No valid rows to import; nothing was sent.", rowErrors(invalid));
    const jobId = await storeImport(ctx, valid, { skippedInvalid: invalid.length });
    return { jobId, queued: valid.length, skipped: invalid.length };
  });

/** Failed rows of an import, fixed or not, sent again as a new job whose rows point back. */
export const retrySiteImport = dealerActionClient
  .metadata({ name: "sites.import.retry", role: "operator", objectKind: "bulk_job" })
  .inputSchema(retryImportInput)
  .action(async ({ parsedInput, ctx }): Promise<JobStarted> => {
    const data = await loadImportContext(prisma, ctx.scope.dealerLinkId);
    const plan = await planImportRetry(
      prisma,
      ctx.scope.dealerLinkId,
      parsedInput.jobId,
      parsedInput.items,
      siteContext(data, null),
    );
    if (!plan) throw new ActionError("not_found", "That import does not exist for this dealer.");
    if (plan.invalid.length)
      throw new ActionError("invalid_rows", "Some rows still have errors; nothing was sent.", rowErrors(plan.invalid));
    if (plan.rows.length !== parsedInput.items.length) {
      throw new ActionError(
        "conflict",
        "Some of those rows are not failed rows of this import (already retried or succeeded). Reload the job.",
      );
    }
    const jobId = await storeImport(ctx, plan.rows, { retryOfJob: parsedInput.jobId });
    return { jobId, queued: plan.rows.length, skipped: 0 };
  });

/** The dealer's pattern for generated external IDs (the import's preview and the create forms). */
export const saveIdPattern = dealerActionClient
  .metadata({ name: "sites.import.pattern", role: "operator", objectKind: "import_settings" })
  .inputSchema(idPatternInput)
  .action(async ({ parsedInput, ctx }) => {
    const problem = patternProblem(parsedInput.pattern);
    if (problem) throw new ActionError("invalid_input", problem, { pattern: problem });
    const before = await prisma.importSettings.findUnique({ where: { dealerLinkId: ctx.scope.dealerLinkId } });
    await ctx.commit(
      {
        externalId: ctx.scope.dealerLinkId,
        dealerLinkId: ctx.scope.dealerLinkId,
        before,
        after: { siteIdPattern: parsedInput.pattern },
      },
      (tx) =>
        tx.importSettings.upsert({
          where: { dealerLinkId: ctx.scope.dealerLinkId },
          create: { dealerLinkId: ctx.scope.dealerLinkId, siteIdPattern: parsedInput.pattern },
          update: { siteIdPattern: parsedInput.pattern },
        }),
    );
    revalidatePath("/sites/import");
    return { pattern: parsedInput.pattern };
  });
