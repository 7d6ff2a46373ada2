import type { FastifyInstance } from "fastify";
import { body } from "./control-body";
import { appOr404, dealerOr404 } from "./control-lookup";
import { appView } from "./dto";
import { SimError } from "./errors";
import { newApiKey, newSecret, type Sim } from "./sim";
import type { App } from "./store";

type AppRoute = { Params: { id: string } };

/** CHeKT Apps (a dealer's API keys and webhook subscription) and their keys' rotation and revocation. */
export function registerAppRoutes(r: FastifyInstance, sim: Sim) {
  r.post("/_sim/apps", async (req, reply) => {
    const b = body(req, "app");
    dealerOr404(sim, b.dealer_id);
    const s = sim.store;
    const key = b.api_key ?? newApiKey(b.mode ?? "test");
    if (s.appByKey.has(key)) throw new SimError(409, "conflict", "api_key already in use", "api_key");
    const a: App = {
      id: `app_${s.next("app")}`,
      dealer_id: b.dealer_id,
      name: b.name ?? "my-app",
      scopes: b.scopes ?? ["devices:read", "events:read"],
      events: b.events ?? [],
      webhook_url: b.webhook_url ?? null,
      signing_secret: b.signing_secret ?? newSecret("whsec_"),
      keys: [{ key, created_at: new Date().toISOString(), expires_at: null }],
      created_at: new Date().toISOString(),
    };
    s.addApp(a);
    reply.code(201);
    return appView(a, { apiKey: key, signingSecret: true });
  });

  r.get("/_sim/apps", async () => [...sim.store.apps.values()].map((a) => appView(a)));

  r.patch<AppRoute>("/_sim/apps/:id", async (req) => {
    const a = appOr404(sim, req.params.id);
    Object.assign(a, body(req, "appPatch"));
    return appView(a);
  });

  r.post<AppRoute>("/_sim/apps/:id/rotate-key", async (req) => {
    const a = appOr404(sim, req.params.id);
    const now = Date.now();
    const graceEnd = new Date(now + sim.config.keyGraceS * 1000).toISOString();
    for (const k of a.keys)
      if (!k.expires_at || Date.parse(k.expires_at) > now + sim.config.keyGraceS * 1000) k.expires_at = graceEnd;
    const key = newApiKey(a.keys[0]?.key.startsWith("chekt_live_") ? "live" : "test");
    a.keys.push({ key, created_at: new Date(now).toISOString(), expires_at: null });
    sim.store.appByKey.set(key, a.id);
    return { ...appView(a, { apiKey: key }), previous_key_expires_at: graceEnd };
  });

  r.post<AppRoute>("/_sim/apps/:id/revoke-key", async (req) => {
    const a = appOr404(sim, req.params.id);
    const b = body(req, "revoke");
    const now = new Date().toISOString();
    const targets = b.key ? a.keys.filter((k) => k.key === b.key) : a.keys;
    if (b.key && targets.length === 0)
      throw new SimError(404, "not_found", "that key does not belong to this app", "key");
    for (const k of targets) k.expires_at = now;
    return appView(a);
  });
}
