import "server-only";
import { chekt } from "@/lib/chekt";

/** Options every partner call passes on: the action's trace id, so CHeKT's logs and our audit row agree. */
export type CallOpts = { traceId?: string };

/** X-Total-Count of a list answer; the page length when CHeKT leaves it out. */
export function totalCount(response: Response | undefined, fallback: number): number {
  const raw = response?.headers.get("x-total-count");
  const n = raw == null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

export { chekt };
