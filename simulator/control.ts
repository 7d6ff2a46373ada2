import { Ajv2020 } from "ajv/dist/2020.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { toFieldErrors } from "./contract";
import type { FromSchema } from "./schema-type";
import { appView, dealerDto, pfx, v1Alarm } from "./dto";
import { envelope, requestId, SimError } from "./errors";
import { ALL_EVENTS, ALL_SCOPES, DEMO_PASSWORD } from "./seed";
import { newApiKey, newSecret, PRIORITIES, TRIGGERS, type Sim } from "./sim";
import type { Schemas } from "./handlers";
import { newContact, newDevice, newSite } from "./records";
import type { App, Dealer, Store } from "./store";
import { requestCounter } from "./stats";

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

const ajv = new Ajv2020({ allErrors: true, strict: false });
const str = { type: "string", minLength: 1 } as const;
const id = { type: "integer", minimum: 1 } as const;
const share = { type: "number", minimum: 0, maximum: 1 } as const;
const schemas = {
  reset: { type: "object", properties: { seed: { enum: ["demo", "empty"] } }, additionalProperties: false },
  partner: {
    type: "object",
    properties: {
      name: str,
      client_id: str,
      client_secret: { type: ["string", "null"] },
      public_key_pem: str,
      redirect_uris: { type: "array", items: str },
    },
    additionalProperties: false,
  },
  dealer: {
    type: "object",
    required: ["company_name"],
    properties: {
      company_name: str,
      company_email: str,
      partner_id: id,
      client_id: str,
      external_dealer_id: str,
      admin_email: str,
      admin_password: str,
    },
    additionalProperties: false,
  },
  app: {
    type: "object",
    required: ["dealer_id"],
    additionalProperties: false,
    properties: {
      dealer_id: id,
      name: str,
      mode: { enum: ["live", "test"] },
      api_key: { type: "string", pattern: "^chekt_(live|test)_[A-Za-z0-9]{20,}$" },
      signing_secret: str,
      scopes: { type: "array", items: { enum: ALL_SCOPES } },
      events: { type: "array", items: { enum: ALL_EVENTS } },
      webhook_url: { type: ["string", "null"], minLength: 1 },
    },
  },
  appPatch: {
    type: "object",
    additionalProperties: false,
    properties: {
      name: str,
      scopes: { type: "array", items: { enum: ALL_SCOPES } },
      events: { type: "array", items: { enum: ALL_EVENTS } },
      webhook_url: { type: ["string", "null"], minLength: 1 },
    },
  },
  revoke: { type: "object", additionalProperties: false, properties: { key: str } },
  alarm: {
    type: "object",
    required: ["site_id"],
    additionalProperties: false,
    properties: {
      site_id: id,
      device_id: id,
      contact_id: id,
      expires_in_s: { type: "number", exclusiveMinimum: 0 },
      trigger: { enum: [...TRIGGERS] },
      priority: { enum: [...PRIORITIES] },
      description: str,
    },
  },
  resolve: {
    type: "object",
    additionalProperties: false,
    properties: { resolution: { enum: ["handled", "false-positive", "escalated"] }, notes: { type: "string" } },
  },
  status: {
    type: "object",
    additionalProperties: false,
    properties: { status: { enum: ["online", "offline"] }, firmware: str },
  },
  fault: {
    type: "object",
    required: ["path"],
    additionalProperties: false,
    properties: {
      path: str,
      method: str,
      rate_429: share,
      rate_5xx: share,
      status_5xx: { type: "integer", minimum: 500, maximum: 599 },
      delay_ms: { type: "integer", minimum: 0, maximum: 120000 },
      drop_rate: share,
      count: { type: "integer", minimum: 1 },
      when: { enum: ["before", "after"] },
    },
  },
  test: { type: "object", additionalProperties: false, properties: { app_id: str, message: { type: "string" } } },
  bulkSites: {
    type: "object",
    required: ["dealer_id", "count"],
    additionalProperties: false,
    properties: {
      dealer_id: id,
      count: { type: "integer", minimum: 1, maximum: 100000 },
      devices_per_site: { type: "integer", minimum: 0, maximum: 50 },
      contacts_per_site: { type: "integer", minimum: 0, maximum: 10 },
    },
  },
  config: {
    type: "object",
    additionalProperties: false,
    properties: {
      tokenTtlS: { type: "number", exclusiveMinimum: 0 },
      rateLimitPerMin: { type: "number", exclusiveMinimum: 0 },
      rateLimitBurstPerS: { type: "number", minimum: 1 },
      webhookRetryScale: { type: "number", exclusiveMinimum: 0 },
      webhookTimeoutMs: { type: "integer", minimum: 1 },
      maxBulk: { type: "integer", minimum: 1 },
      verificationTtlS: { type: "number", exclusiveMinimum: 0 },
      authCodeTtlS: { type: "number", exclusiveMinimum: 0 },
      keyGraceS: { type: "number", minimum: 0 },
      idempotencyTtlS: { type: "number", exclusiveMinimum: 0 },
      errorShape: { enum: ["envelope", "nest"] },
    },
  },
} as const;
const validators = Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, ajv.compile(s)])) as Record<
  keyof typeof schemas,
  ReturnType<typeof ajv.compile>
>;

/** The request's body once its schema has passed it, typed from that schema. */
function body<K extends keyof typeof schemas>(req: FastifyRequest, schema: K): FromSchema<(typeof schemas)[K]> {
  const b = req.body ?? {};
  const v = validators[schema];
  if (!v(b)) throw SimError.validation(toFieldErrors(v.errors));
  return b as FromSchema<(typeof schemas)[K]>;
}

function dealerOr404(sim: Sim, dealerId: number): Dealer {
  const d = sim.store.dealers.get(dealerId);
  if (!d) throw new SimError(404, "not_found", `dealer ${dealerId} not found`, "dealer_id");
  return d;
}

function appOr404(sim: Sim, appId: string): App {
  const a = sim.store.apps.get(appId);
  if (!a) throw SimError.notFound(`app ${appId}`);
  return a;
}

/** The simulator's own control surface (not part of CHeKT's API, not in the OpenAPI document). */
export function registerControl(app: FastifyInstance, sim: Sim, onReset: () => void) {
  const started = Date.now();
  // Readiness probe for scripts; outside the admin-token guard and says nothing secret.
  app.get("/_sim/health", async () => ({ ok: true, uptime_s: Math.round((Date.now() - started) / 1000) }));
  app.register(async (r) => {
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

    r.get("/_sim", async () => ({
      counts: Object.fromEntries(COUNTED.map((k) => [k, sim.store[k].size])),
      config: { ...sim.config, adminToken: sim.config.adminToken ? "(set)" : null },
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
      return { ...sim.config, adminToken: sim.config.adminToken ? "(set)" : null };
    });

    r.post("/_sim/partners", async (req, reply) => {
      const b = body(req, "partner");
      const s = sim.store;
      const clientId = b.client_id ?? `partner_${s.counters.partner + 1}_${newSecret("").slice(0, 8)}`;
      if (s.partnersByClientId.has(clientId))
        throw new SimError(409, "conflict", `client_id ${clientId} already exists`, "client_id");
      if (b.public_key_pem) {
        try {
          (await import("node:crypto")).createPublicKey(b.public_key_pem);
        } catch {
          throw new SimError(400, "validation_failed", "public_key_pem is not a PEM public key", "public_key_pem");
        }
      }
      const secret = b.client_secret === null ? null : (b.client_secret ?? newSecret("cs_"));
      const id = s.next("partner");
      s.addPartner({
        id,
        name: b.name ?? `Partner ${id}`,
        client_id: clientId,
        client_secret: secret,
        public_key_pem: b.public_key_pem ?? null,
        redirect_uris: b.redirect_uris ?? [],
        created_at: new Date().toISOString(),
      });
      reply.code(201);
      return {
        id,
        name: b.name ?? `Partner ${id}`,
        client_id: clientId,
        client_secret: secret,
        has_public_key: Boolean(b.public_key_pem),
        redirect_uris: b.redirect_uris ?? [],
      };
    });

    r.post("/_sim/dealers", async (req, reply) => {
      const b = body(req, "dealer");
      const s = sim.store;
      const partnerId: number | null =
        b.partner_id ?? (b.client_id ? (s.partnersByClientId.get(b.client_id) ?? null) : null);
      if (b.client_id && partnerId === null)
        throw new SimError(404, "not_found", `partner ${b.client_id} not found`, "client_id");
      if (partnerId !== null && !s.partners.has(partnerId))
        throw new SimError(404, "not_found", `partner ${partnerId} not found`, "partner_id");
      if (partnerId !== null) {
        if (!b.external_dealer_id)
          throw new SimError(
            400,
            "validation_failed",
            "external_dealer_id is required to connect the dealer to a partner",
            "external_dealer_id",
          );
        if (s.dealerByExternal.has(partnerId, b.external_dealer_id))
          throw new SimError(
            409,
            "conflict",
            `external_dealer_id ${b.external_dealer_id} is already connected`,
            "external_dealer_id",
          );
      }
      const dealer: Dealer = {
        dealer_id: s.next("dealer"),
        company_name: b.company_name,
        company_address1: null,
        company_address2: null,
        company_email: b.company_email ?? null,
        company_phone_number: null,
        created_at: new Date().toISOString(),
        links: {},
      };
      s.addDealer(dealer);
      if (partnerId !== null) s.linkDealer(dealer, partnerId, b.external_dealer_id!);
      const email = (b.admin_email ?? `admin+${dealer.dealer_id}@dealer.example`).toLowerCase();
      if (s.users.has(email)) throw new SimError(409, "conflict", `user ${email} already exists`, "admin_email");
      s.users.set(email, {
        email,
        password: b.admin_password ?? DEMO_PASSWORD,
        dealer_id: dealer.dealer_id,
        role: "admin",
        name: `${b.company_name} admin`,
      });
      reply.code(201);
      return { ...dealerDto(dealer, partnerId), admin: { email, password: b.admin_password ?? DEMO_PASSWORD } };
    });

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

    r.patch<{ Params: { id: string } }>("/_sim/apps/:id", async (req) => {
      const a = appOr404(sim, req.params.id);
      Object.assign(a, body(req, "appPatch"));
      return appView(a);
    });

    r.post<{ Params: { id: string } }>("/_sim/apps/:id/rotate-key", async (req) => {
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

    r.post<{ Params: { id: string } }>("/_sim/apps/:id/revoke-key", async (req) => {
      const a = appOr404(sim, req.params.id);
      const b = body(req, "revoke");
      const now = new Date().toISOString();
      const targets = b.key ? a.keys.filter((k) => k.key === b.key) : a.keys;
      if (b.key && targets.length === 0)
        throw new SimError(404, "not_found", "that key does not belong to this app", "key");
      for (const k of targets) k.expires_at = now;
      return appView(a);
    });

    r.post("/_sim/alarms", async (req, reply) => {
      const b = body(req, "alarm");
      const out = sim.createAlarm(b);
      reply.code(201);
      return {
        alarm: v1Alarm(out.alarm, (snap) => sim.snapshotUrl(snap), sim.store),
        verification: out.verification,
        snapshot: { id: pfx.snapshot(out.snapshot.id), url: sim.snapshotUrl(out.snapshot) },
        events: out.events.map((e) => ({ id: e.id, type: e.type })),
      };
    });

    r.get<{ Querystring: { site_id?: string; open?: string } }>("/_sim/verifications", async (req) => {
      const site = req.query.site_id ? Number(req.query.site_id) : null;
      const now = Date.now();
      return [...sim.store.verifications.values()]
        .filter(
          (v) =>
            (site === null || v.site_id === site) &&
            (req.query.open !== "true" || (!v.answer && Date.parse(v.expires_at) > now)),
        )
        .slice(-500);
    });

    r.post<{ Params: { id: string } }>("/_sim/alarms/:id/resolve", async (req) => {
      const b = body(req, "resolve");
      const al = sim.store.alarms.get(Number(String(req.params.id).replace(/^alm_/, "")));
      if (!al) throw SimError.notFound(`alarm ${req.params.id}`);
      al.status = "resolved";
      al.updated_at = new Date().toISOString();
      const e = sim.deliverer.emit(al.dealer_id, {
        type: "alarm.resolved",
        data: { alarm_id: pfx.alarm(al.id), resolution: b.resolution ?? "handled", notes: b.notes ?? null },
      });
      return { alarm: v1Alarm(al, (snap) => sim.snapshotUrl(snap), sim.store), event: { id: e.id, type: e.type } };
    });

    r.post<{ Params: { id: string } }>("/_sim/devices/:id/status", async (req) => {
      const b = body(req, "status");
      const dev = sim.store.devices.get(Number(String(req.params.id).replace(/^dev_/, "")));
      if (!dev) throw new SimError(404, "device_not_found", `device ${req.params.id} not found`);
      const events = sim.setDeviceStatus(dev, b.status ?? dev.status, b.firmware);
      return {
        device_id: dev.device_id,
        status: dev.status,
        firmware: dev.firmware,
        events: events.map((e) => ({ id: e.id, type: e.type })),
      };
    });

    r.post("/_sim/faults", async (req, reply) => {
      const b = body(req, "fault");
      if ((b.rate_429 ?? 0) + (b.rate_5xx ?? 0) + (b.drop_rate ?? 0) > 1)
        throw new SimError(400, "validation_failed", "rate_429 + rate_5xx + drop_rate must be at most 1", "rate_429");
      reply.code(201);
      return sim.faults.add({
        path: b.path,
        method: b.method ?? null,
        rate_429: b.rate_429 ?? 0,
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

    r.get<{ Querystring: { event_id?: string; app_id?: string; state?: string; type?: string; limit?: string } }>(
      "/_sim/deliveries",
      async (req) => {
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
      },
    );

    r.post("/_sim/webhooks/test", async (req, reply) => {
      const b = body(req, "test");
      const a = appOr404(sim, b.app_id ?? "app_1");
      if (!a.webhook_url) throw new SimError(400, "validation_failed", `app ${a.id} has no webhook_url`, "app_id");
      const e = sim.deliverer.test(a, b.message ?? "Test delivery from the CHeKT simulator");
      reply.code(202);
      const delivery = [...sim.store.deliveries.values()].reverse().find((d) => d.event_id === e.id);
      return { event_id: e.id, delivery_id: delivery?.id ?? null, url: a.webhook_url };
    });

    r.post("/_sim/bulk-sites", async (req, reply) => {
      const b = body(req, "bulkSites");
      dealerOr404(sim, b.dealer_id);
      const s = sim.store;
      const t = new Date().toISOString();
      const tzs = [
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
        "Europe/London",
        "Asia/Seoul",
        "Australia/Sydney",
      ];
      const stations = s.stations.byParent.of(b.dealer_id);
      let first = 0;
      let last = 0;
      for (let i = 0; i < b.count; i++) {
        const sid = s.next("site");
        first ||= sid;
        last = sid;
        const body: Schemas["CreateSiteDto"] = {
          external_site_id: `bulk-${sid}`,
          name: `Bulk Site ${String(sid).padStart(6, "0")}`,
          monitoring_station_id: stations.length ? stations[i % stations.length]! : null,
          account_number: String(500000 + sid),
          address1: `${sid} Bulk Ave`,
          timezone: tzs[i % tzs.length]!,
        };
        const site = newSite(sid, b.dealer_id, body, t);
        site.is_activated = i % 3 === 0 ? 0 : 1;
        s.sites.add(site);
        for (let c = 0; c < (b.contacts_per_site ?? 0); c++) {
          const cid = s.next("contact");
          const contact = { external_contact_id: `bulk-contact-${cid}`, first_name: "Contact", last_name: String(cid) };
          s.contacts.add(newContact(cid, sid, contact, t));
        }
        for (let d = 0; d < (b.devices_per_site ?? 0); d++) {
          const did = s.next("device");
          const camera: Schemas["CreateDeviceDto"] = {
            external_device_id: `bulk-dev-${did}`,
            device_type: "camera",
            name: `Camera ${d + 1}`,
            zone_number: String(d + 1).padStart(3, "0"),
            manufacturer: "CHeKT",
            model: "CHEKT-CAM-001",
          };
          s.devices.add(newDevice(did, sid, camera, "sim", t));
        }
      }
      reply.code(201);
      return { created: b.count, first_site_id: first, last_site_id: last };
    });
  });
}
