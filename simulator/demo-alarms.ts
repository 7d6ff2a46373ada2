import { errorText } from "../lib/error-text";
import type { Sim } from "./sim";

/**
 * Every `everyS` seconds, an alarm on a random site (one with contacts) of a dealer that has a CHeKT App, so a
 * demo's desk fills by itself. Returns what stops it.
 */
export function startDemoAlarms(sim: Sim, everyS: number): () => void {
  const timer = setInterval(() => {
    try {
      const s = sim.store;
      const dealers = new Set([...s.apps.values()].map((a) => a.dealer_id));
      const sites = [...dealers]
        .flatMap((d) => s.sites.byParent.of(d))
        .filter((id) => s.contacts.byParent.count(id) > 0);
      const siteId = sites[Math.floor(Math.random() * sites.length)];
      if (siteId !== undefined) {
        const { alarm } = sim.createAlarm({ site_id: siteId });
        if (sim.config.logRequests) console.log(`[sim] demo alarm alm_${alarm.id} on site ${siteId}`);
      }
    } catch (e) {
      console.error("[sim] demo alarm failed:", errorText(e));
    }
  }, everyS * 1000);
  return () => clearInterval(timer);
}
