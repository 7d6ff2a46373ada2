import { SimError } from "./errors";
import type { Sim } from "./sim";
import type { App, Dealer } from "./store";

// The records a control request names by id, or the 404 the control API answers when one is missing.

export function dealerOr404(sim: Sim, dealerId: number): Dealer {
  const d = sim.store.dealers.get(dealerId);
  if (!d) throw new SimError(404, "not_found", `dealer ${dealerId} not found`, "dealer_id");
  return d;
}

export function appOr404(sim: Sim, appId: string): App {
  const a = sim.store.apps.get(appId);
  if (!a) throw SimError.notFound(`app ${appId}`);
  return a;
}
