// History filters live in the URL (bookmarkable); parsed here with clear messages for bad values.
import { z } from "zod";
import type { HistoryFilter } from "./queries";

const STATES = ["pending", "claimed", "dispatched", "disregarded", "expired", "cancelled"] as const;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-11-24")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Not a real date");

const schema = z.object({
  state: z.enum(STATES, { message: "Unknown state" }).optional(),
  site: z.coerce.number().int().positive("Site must be a site id").optional(),
  operator: z.string().trim().max(100, "Operator filter is too long").optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export type HistoryParams = { state?: string; site?: string; operator?: string; from?: string; to?: string; page?: string };

export function parseHistoryParams(raw: Record<string, string | string[] | undefined>): { filter: HistoryFilter; values: HistoryParams; errors: string[] } {
  const pick = (k: string) => {
    const v = raw[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s && s.trim() !== "" ? s : undefined;
  };
  const values: HistoryParams = { state: pick("state"), site: pick("site"), operator: pick("operator"), from: pick("from"), to: pick("to"), page: pick("page") };
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { filter: {}, values, errors: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`) };
  const p = parsed.data;
  const from = p.from ? new Date(`${p.from}T00:00:00Z`) : undefined;
  // "to" is inclusive of that whole day.
  const to = p.to ? new Date(Date.parse(`${p.to}T00:00:00Z`) + 86_400_000) : undefined;
  if (from && to && from >= to) return { filter: {}, values, errors: ["to: must be on or after from"] };
  return { filter: { state: p.state, siteId: p.site, operator: p.operator || undefined, from, to, page: p.page }, values, errors: [] };
}
