import "server-only";
// Re-reading the mirror's rows from CHeKT, two ways (docs/mirror.md):
// - refreshNow: now, in the caller (the Refresh button's action: "read" class, the user waits);
// - queueRefresh: later, in the background at the sweep's "sync" class (a page saw a stale row: the
//   page never waits). One queued job per object (pg-boss singleton key), so a hundred views of a
//   stale page queue one read.
import { after } from "next/server";
import type { BudgetClass } from "@/lib/chekt/budget-class";
import { env } from "@/lib/env";
import {
  pullArming,
  pullContact,
  pullContacts,
  pullDealer,
  pullDevice,
  pullDevices,
  pullSite,
  pullSites,
  pullSitesView,
  pullStation,
  pullStations,
  type PullOpts,
  type PullScope,
  type Pulled,
} from "./pull";
import type { MirrorTarget } from "./targets";
import { errorText } from "@/lib/error-text";

export type { MirrorTarget } from "./targets";
export type RefreshOutcome = { target: MirrorTarget; result: Pulled };

function need(n: number | undefined, what: string): number {
  if (n === undefined) throw new Error(`mirror refresh: ${what} missing`);
  return n;
}

async function pullOne(scope: PullScope, t: MirrorTarget, o: PullOpts): Promise<Pulled> {
  switch (t.kind) {
    case "dealer":
      return pullDealer(scope, o);
    case "stations":
      await pullStations(scope, o);
      return "fresh";
    case "station":
      return pullStation(scope, need(t.chektId, "station id"), o);
    case "sites":
      if (t.view !== undefined) await pullSitesView(scope, t.view, o);
      else await pullSites(scope, o);
      return "fresh";
    case "site":
      return pullSite(scope, need(t.chektId, "site id"), o);
    case "contacts":
      return pullContacts(scope, need(t.siteId, "site id"), o);
    case "contact":
      return pullContact(scope, need(t.siteId, "site id"), need(t.chektId, "contact id"), o);
    case "devices":
      return pullDevices(scope, need(t.siteId, "site id"), o);
    case "device":
      return pullDevice(scope, need(t.siteId, "site id"), need(t.chektId, "device id"), o);
    case "arming":
      return pullArming(scope, need(t.siteId, "site id"), o);
  }
}

/**
 * Re-reads each target from CHeKT now and writes the answers to the mirror. A 404 marks the row
 * gone (result "gone"); any other failure (429 after the wait, 5xx, network) is thrown and the
 * mirror keeps what it had. Default class "read" (interactive refresh).
 */
export async function refreshNow(
  scope: PullScope,
  target: MirrorTarget | MirrorTarget[],
  opts: PullOpts = {},
): Promise<RefreshOutcome[]> {
  const o: PullOpts = { ...opts, budgetClass: opts.budgetClass ?? "read" };
  const out: RefreshOutcome[] = [];
  for (const t of Array.isArray(target) ? target : [target])
    out.push({ target: t, result: await pullOne(scope, t, o) });
  return out;
}

/** The job's payload: which dealer link and what to read. */
export type RefreshJob = { dealerLinkId: string; targets: MirrorTarget[]; budgetClass?: BudgetClass };

/**
 * Queues a background re-read (class "sync", like the sweep: nobody waits for it). De-duplicated per
 * object while one is waiting. Never throws: a queue that is down only means the sweep catches up.
 */
export async function queueRefresh(dealerLinkId: string, target: MirrorTarget | MirrorTarget[]): Promise<void> {
  try {
    const { queueMirrorRefresh } = await import("@/lib/jobs/sync-worker");
    const boss = await (await import("@/lib/background")).backgroundQueue();
    for (const t of Array.isArray(target) ? target : [target]) await queueMirrorRefresh(boss, dealerLinkId, t);
  } catch (e) {
    console.log(`[mirror] could not queue a refresh (${errorText(e)}); the sweep will catch up`);
  }
}

/** How old a mirror row may be before a view queues its refresh (MIRROR_STALE_AFTER_S). */
export function staleAfterMs(): number {
  return env.MIRROR_STALE_AFTER_S * 1000;
}

export function isStale(confirmedAt: Date | null | undefined, now = new Date(), limitMs = staleAfterMs()): boolean {
  return !confirmedAt || now.getTime() - confirmedAt.getTime() > limitMs;
}

/**
 * Stale-while-revalidate for a page: if what it shows is older than the limit, queue its refresh
 * after the response has been sent (next/server `after`), so the page renders from the mirror
 * at once. Returns whether it was stale (the freshness line says "update queued").
 */
export function revalidateIfStale(
  dealerLinkId: string,
  target: MirrorTarget | MirrorTarget[],
  confirmedAt: Date | null | undefined,
  now = new Date(),
): boolean {
  if (!isStale(confirmedAt, now)) return false;
  try {
    after(() => queueRefresh(dealerLinkId, target));
  } catch {
    // Outside a request (a script, a test): queue it now, still without waiting for it.
    void queueRefresh(dealerLinkId, target);
  }
  return true;
}
