import "server-only";
import { chekt, chektApp } from "@/lib/chekt";
import type { BudgetClass } from "@/lib/chekt/budget-class";

/**
 * What every gateway function passes on: the action's trace id (so CHeKT's logs and our audit row
 * agree), the budget class the call spends (default: by method), and a cancel signal.
 */
export type CallOpts = { traceId?: string; budgetClass?: BudgetClass; signal?: AbortSignal };

/** X-Total-Count of a list answer; the page length when CHeKT leaves it out. */
export function totalCount(response: Response | undefined, fallback: number): number {
  const raw = response?.headers.get("x-total-count");
  const n = raw == null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

// The low-level clients are imported here and in lib/chekt/ only (eslint enforces it): every other
// module reaches CHeKT through a function of lib/chekt/api/<resource>.ts.
export { chekt, chektApp };

/** Which CHeKT dealer a call is for; a DealerScope (lib/dealer-scope.ts) is one. */
export type DealerRef = { dealerId: number };

/** Every row of a paged Partner list, following limit/offset until X-Total-Count is reached. */
export async function listAll<T>(
  pageSize: number,
  fetchPage: (offset: number) => Promise<{ rows: T[]; total?: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { rows, total } = await fetchPage(offset);
    out.push(...rows);
    if (rows.length < pageSize || (total !== undefined && out.length >= total)) return out;
  }
}
