import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { registerAlarmRoutes } from "./control-alarms";
import { registerAppRoutes } from "./control-apps";
import { registerBulkSiteRoutes } from "./control-bulk-sites";
import { registerFaultRoutes } from "./control-faults";
import { registerStateRoutes } from "./control-state";
import { registerWebhookRoutes } from "./control-webhooks";
import { registerWorldRoutes } from "./control-world";
import { envelope, requestId, SimError } from "./errors";
import type { Sim } from "./sim";

/** With CHEKT_SIM_ADMIN_TOKEN set, every control route but the health probe needs it as a bearer token. */
function guardControl(r: FastifyInstance, sim: Sim) {
  r.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    const token = sim.config.adminToken;
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      reply
        .code(401)
        .send(
          envelope(
            new SimError(401, "invalid_token", "the control API needs Authorization: Bearer <CHEKT_SIM_ADMIN_TOKEN>"),
            requestId(),
          ),
        );
      return reply;
    }
  });
  r.addHook("onResponse", async (req) => {
    if (req.method !== "GET") sim.markDirty();
  });
}

/** The simulator's own control surface (not part of CHeKT's API, not in the OpenAPI document). */
export function registerControl(app: FastifyInstance, sim: Sim, onReset: () => void) {
  const started = Date.now();
  // Readiness probe for scripts; outside the admin-token guard and says nothing secret.
  app.get("/_sim/health", async () => ({ ok: true, uptime_s: Math.round((Date.now() - started) / 1000) }));
  app.register(async (r) => {
    guardControl(r, sim);
    registerStateRoutes(r, sim, onReset);
    registerWorldRoutes(r, sim);
    registerAppRoutes(r, sim);
    registerAlarmRoutes(r, sim);
    registerFaultRoutes(r, sim);
    registerWebhookRoutes(r, sim);
    registerBulkSiteRoutes(r, sim);
  });
}
