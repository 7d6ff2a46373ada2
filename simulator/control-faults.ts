import type { FastifyInstance } from "fastify";
import { body } from "./control-body";
import { SimError } from "./errors";
import type { Sim } from "./sim";

/** Injected faults: rules that make matching API requests slow, fail or drop (simulator/faults.ts applies them). */
export function registerFaultRoutes(r: FastifyInstance, sim: Sim) {
  r.post("/_sim/faults", async (req, reply) => {
    const b = body(req, "fault");
    if ((b.rate_429 ?? 0) + (b.rate_5xx ?? 0) + (b.drop_rate ?? 0) > 1)
      throw new SimError(400, "validation_failed", "rate_429 + rate_5xx + drop_rate must be at most 1", "rate_429");
    reply.code(201);
    return sim.faults.add({
      path: b.path,
      method: b.method ?? null,
      rate_429: b.rate_429 ?? 0,
      retry_after_s: b.retry_after_s ?? 1,
      rate_5xx: b.rate_5xx ?? 0,
      status_5xx: b.status_5xx ?? 503,
      delay_ms: b.delay_ms ?? 0,
      drop_rate: b.drop_rate ?? 0,
      remaining: b.count ?? null,
      when: b.when ?? "before",
    });
  });
  r.get("/_sim/faults", async () => sim.faults.rules.map((f) => sim.faults.view(f)));
  r.delete("/_sim/faults", async () => {
    sim.faults.clear();
    return { ok: true };
  });
  r.delete<{ Params: { id: string } }>("/_sim/faults/:id", async (req) => {
    const before = sim.faults.rules.length;
    sim.faults.rules = sim.faults.rules.filter((f) => f.id !== req.params.id);
    if (sim.faults.rules.length === before) throw SimError.notFound(`fault ${req.params.id}`);
    return { ok: true };
  });
}
