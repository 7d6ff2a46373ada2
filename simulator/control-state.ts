import type { FastifyInstance } from "fastify";
import { body } from "./control-body";
import type { Sim } from "./sim";
import { requestCounter } from "./stats";
import type { Store } from "./store";

/** The store's collections GET /_sim counts. */
const COUNTED = [
  "partners",
  "dealers",
  "stations",
  "sites",
  "contacts",
  "devices",
  "apps",
  "alarms",
  "verifications",
  "snapshots",
  "events",
  "deliveries",
] as const satisfies readonly (keyof Store)[];

/** The configuration as the control API shows it: the admin token only as set or not. */
function configView(sim: Sim) {
  return { ...sim.config, adminToken: sim.config.adminToken ? "(set)" : null };
}

/** The simulator as a whole: what it holds, its request counts, a reset and its configuration. */
export function registerStateRoutes(r: FastifyInstance, sim: Sim, onReset: () => void) {
  r.get("/_sim", async () => ({
    counts: Object.fromEntries(COUNTED.map((k) => [k, sim.store[k].size])),
    config: configView(sim),
    faults: sim.faults.rules.map((f) => sim.faults.view(f)),
  }));

  // API requests answered since the last reset of these counts, by status and route.
  r.get("/_sim/stats", async () => requestCounter.view());
  // The same requests one by one (arrival time, route, status): a bench replays the bucket from them.
  r.get("/_sim/stats/log", async () => requestCounter.entries());
  r.delete("/_sim/stats", async () => {
    requestCounter.reset();
    return { ok: true };
  });

  r.post("/_sim/reset", async (req) => {
    const b = body(req, "reset");
    sim.reset(b.seed ?? "demo");
    onReset();
    return { ok: true, seed: b.seed ?? "demo" };
  });

  r.patch("/_sim/config", async (req) => {
    Object.assign(sim.config, body(req, "config"));
    return configView(sim);
  });
}
