import type { FastifyInstance } from "fastify";
import { body } from "./control-body";
import { appOr404 } from "./control-lookup";
import { SimError } from "./errors";
import type { Sim } from "./sim";

type DeliveryQuery = { event_id?: string; app_id?: string; state?: string; type?: string; limit?: string };

/** Webhook deliveries as sent (newest first) and a test delivery to an app's webhook URL. */
export function registerWebhookRoutes(r: FastifyInstance, sim: Sim) {
  r.get<{ Querystring: DeliveryQuery }>("/_sim/deliveries", async (req) => {
    const q = req.query;
    const limit = Math.min(Number(q.limit ?? 200) || 200, 5000);
    const out = [];
    const all = [...sim.store.deliveries.values()];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const d = all[i]!;
      if (
        (q.event_id && d.event_id !== q.event_id) ||
        (q.app_id && d.app_id !== q.app_id) ||
        (q.state && d.state !== q.state) ||
        (q.type && d.event_type !== q.type)
      )
        continue;
      out.push(d);
    }
    return out;
  });

  r.post("/_sim/webhooks/test", async (req, reply) => {
    const b = body(req, "test");
    const a = appOr404(sim, b.app_id ?? "app_1");
    if (!a.webhook_url) throw new SimError(400, "validation_failed", `app ${a.id} has no webhook_url`, "app_id");
    const e = sim.deliverer.test(a, b.message ?? "Test delivery from the CHeKT simulator");
    reply.code(202);
    const delivery = [...sim.store.deliveries.values()].reverse().find((d) => d.event_id === e.id);
    return { event_id: e.id, delivery_id: delivery?.id ?? null, url: a.webhook_url };
  });
}
