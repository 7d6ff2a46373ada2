// The fleet page's state lives in the URL (bookmarkable): filters, page, page size. Parsed once,
// never throws; anything odd falls back to that control's default.
import { z } from "zod";

export const FLEET_PAGE_SIZES = [50, 100, 200] as const;
/** "Offline longer than…" choices, in minutes (a dealer's alert threshold is one of its own). */
export const OFFLINE_FOR_CHOICES = [
  { min: 15, label: "15 minutes" },
  { min: 60, label: "1 hour" },
  { min: 240, label: "4 hours" },
  { min: 1440, label: "1 day" },
  { min: 10080, label: "7 days" },
] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const fleetListStateSchema = z.object({
  status: z.preprocess(first, z.enum(["", "online", "offline", "unknown"]).catch("").default("")),
  // Minutes; implies status offline. Bounded so the SQL interval stays sane.
  offlineFor: z.preprocess(first, z.coerce.number().int().min(1).max(525_600).optional().catch(undefined)),
  site: z.preprocess(first, z.string().regex(/^\d{1,12}$/).catch("").default("")),
  type: z.preprocess(first, z.enum(["", "camera", "bridge"]).catch("").default("")),
  firmware: z.preprocess(first, z.string().trim().max(64).catch("").default("")),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1)),
  per: z.preprocess(
    first,
    z.coerce
      .number()
      .refine((n) => (FLEET_PAGE_SIZES as readonly number[]).includes(n))
      .catch(50)
      .default(50),
  ),
});
export type FleetListState = z.output<typeof fleetListStateSchema>;

export function parseFleetListState(params: Record<string, string | string[] | undefined>): FleetListState {
  return fleetListStateSchema.parse(params);
}

/** The query string for a state, defaults left out. */
export function fleetListSearch(state: FleetListState, changes: Partial<FleetListState> = {}): string {
  const next = { ...state, ...changes };
  if (!("page" in changes) && Object.keys(changes).length) next.page = 1;
  const p = new URLSearchParams();
  if (next.status) p.set("status", next.status);
  if (next.offlineFor) p.set("offlineFor", String(next.offlineFor));
  if (next.site) p.set("site", next.site);
  if (next.type) p.set("type", next.type);
  if (next.firmware) p.set("firmware", next.firmware);
  if (next.page !== 1) p.set("page", String(next.page));
  if (next.per !== 50) p.set("per", String(next.per));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export function isFiltered(state: FleetListState): boolean {
  return Boolean(state.status || state.offlineFor || state.site || state.type || state.firmware);
}
