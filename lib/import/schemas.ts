// zod input of the site import actions; client-safe so the import page shares the shapes.
import { z } from "zod";
import { SITE_FIELDS, type SiteField } from "./site-fields";

export const MAX_IMPORT_ROWS = 10_000;

const cell = z.string().max(1000);
/** A row's cells by field name; unknown keys are dropped, so a forged field cannot ride along. */
export const siteValuesSchema = z.record(z.string(), cell).transform((v) => {
  const out: Partial<Record<SiteField, string>> = {};
  for (const f of SITE_FIELDS) if (typeof v[f] === "string") out[f] = v[f];
  return out;
});

export const idPatternInput = z.object({ pattern: z.string().trim().max(48) });

export const startImportInput = z.object({
  rows: z
    .array(z.object({ line: z.number().int().min(0), values: siteValuesSchema }))
    .min(1, "The sheet has no rows to import")
    .max(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS} rows per import; split the sheet`),
  skipInvalid: z.boolean().default(false),
  /** The pattern the review previewed; it must still be the dealer's, or the IDs would differ. */
  pattern: z.string().max(48).nullable(),
});

export const retryImportInput = z.object({
  jobId: z.string().min(1).max(64),
  items: z
    .array(z.object({ itemId: z.string().min(1).max(64), values: z.record(z.string(), cell).optional() }))
    .min(1, "Choose at least one failed row")
    .max(MAX_IMPORT_ROWS),
});
