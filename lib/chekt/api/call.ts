import "server-only";
import { chekt, chektApp } from "@/lib/chekt";
import type { BudgetClass } from "@/lib/chekt/budget-class";
import type { ChektArgs, ChektClient, ChektData, ChektPath, HttpMethod } from "@/lib/chekt/client";

/**
 * What every gateway function passes on: the action's trace id (so CHeKT's logs and our audit row
 * agree), the budget class the call spends (default: by method), a cancel signal, work the call is
 * not sent before (CallOptions.sendAfter in lib/chekt/client.ts), and a hook told as it goes out
 * (CallOptions.onSend).
 */
export type CallOpts = {
  traceId?: string;
  budgetClass?: BudgetClass;
  signal?: AbortSignal;
  sendAfter?: Promise<unknown>;
  onSend?: () => void;
};

/** X-Total-Count of a list answer; the page length when CHeKT leaves it out. */
function totalCount(response: Response | undefined, fallback: number): number {
  const raw = response?.headers.get("x-total-count");
  const n = raw == null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

/**
 * Calls one operation of lib/chekt/openapi.yaml and returns its success body. The budget class
 * rides in the call options (default: by method); a failed call throws the ChektError the client
 * mapped it to. Body, params and answer types all come from the document.
 */
export async function callData<M extends HttpMethod, P extends ChektPath<M>>(
  client: ChektClient,
  method: M,
  path: P,
  ...args: ChektArgs<M, P>
): Promise<ChektData<M, P>> {
  const { data } = await client.request(method, path, ...args);
  return data;
}

/** A list answer as a page: its rows and CHeKT's total (X-Total-Count, else the page length). */
export function pageOf<T>(res: { data: T[] | undefined; response: Response; traceId: string }): {
  rows: T[];
  total: number;
  traceId: string;
} {
  const rows = res.data ?? [];
  return { rows, total: totalCount(res.response, rows.length), traceId: res.traceId };
}

// The low-level clients are imported here and in lib/chekt/ only (eslint enforces it): every other
// module reaches CHeKT through a function of lib/chekt/api/<resource>.ts.
export { chekt, chektApp };

/** Which CHeKT dealer a call is for; a DealerScope (lib/dealer-scope.ts) is one. */
export type DealerRef = { dealerId: number };

/** The path parameters of a dealer's Partner paths (/dealers/{dealerId}/…), and of one site's (…/sites/{siteId}/…). */
export const ofDealer = (scope: DealerRef) => ({ path: { dealerId: scope.dealerId } });
export const ofSite = (scope: DealerRef, siteId: number) => ({ path: { dealerId: scope.dealerId, siteId } });
