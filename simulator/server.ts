import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import formbody from "@fastify/formbody";
import { decodeJwt } from "jose";
import { defaultConfig, type SimConfig } from "./config";
import { loadContract, OPENAPI_PATH, type Operation } from "./contract";
import { registerControl } from "./control";
import { envelope, nestBody, requestId, SimError } from "./errors";
import type { FaultOutcome } from "./faults";
import { isOperationId, runHandler, type Answer, type Handlers } from "./handlers";
import { oauthHandlers } from "./oauth";
import { partnerHandlers, siteBodyErrors } from "./partner";
import { Sim, type Auth } from "./sim";
import { refreshSeedFromEnv } from "./seed";
import { Store } from "./store";
import { snapshotSignatureValid, v1Handlers } from "./v1";
import { requestCounter } from "./stats";
import { errorText } from "../lib/error-text";

export type { SimConfig } from "./config";
export { Sim } from "./sim";

/** One handler per operationId of the document: a missing one does not compile. */
const handlers: Handlers = { ...oauthHandlers, ...partnerHandlers, ...v1Handlers };
/** Body checks beyond the schema, reported together with the schema's errors. */
const EXTRA_BODY_CHECKS: Record<string, (body: unknown) => { field: string; message: string }[]> = {
  createSite: siteBodyErrors,
  updateSite: siteBodyErrors,
};

/** Bulk bodies are validated item by item (a bad item is a failed result, not a 400). */
const ITEMWISE = new Set(["bulkCreateDevices", "bulkUpdateDevices"]);
/** These read form bodies / render HTML errors themselves. */
const SELF_VALIDATING = new Set(["issueToken", "authorize", "approveAuthorization"]);
const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const API_KEY_RE = /^chekt_(live|test)_[A-Za-z0-9]{20,}$/;

export interface StartOptions {
  port?: number;
  host?: string;
  seed?: "demo" | "empty";
  /** Load state from this file at start and save to it (debounced) on change. */
  dataFile?: string | null;
  /** Raise an alarm on a random site of a dealer with a CHeKT App every N seconds (0/undefined = off). */
  demoAlarmEveryS?: number;
  config?: Partial<SimConfig>;
}

export interface RunningSimulator {
  url: string;
  port: number;
  sim: Sim;
  readonly state: Store;
  config: SimConfig;
  close(): Promise<void>;
}

declare module "fastify" {
  interface FastifyRequest {
    traceId: string;
    reqId: string;
    rateHeaders?: Record<string, string>;
    /** A fault to apply once the answer is ready (`when: "after"`). */
    faultAfter?: { delayMs: number; outcome: FaultOutcome };
  }
}

/**
 * A contract route's input as Fastify hands it over: path parameters are strings, the query is
 * whatever its parser made of the URL. The document's checks (contract.ts) read both before a handler.
 */
type ContractRoute = { Params: Record<string, string>; Querystring: Record<string, unknown> };
type ContractRequest = FastifyRequest<ContractRoute>;

/** A field of a form body (issueToken's), when the body has it as text. */
function formField(body: unknown, name: string): string | null {
  if (typeof body !== "object" || body === null) return null;
  const value: unknown = Reflect.get(body, name);
  return typeof value === "string" ? value : null;
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : "";
}

function ipBucket(req: FastifyRequest) {
  return `ip:${req.ip}`;
}

function authenticate(sim: Sim, op: Operation, req: ContractRequest): Auth {
  const s = sim.store;
  if (op.security.length === 0) {
    if (op.operationId === "issueToken") {
      let client = formField(req.body, "client_id");
      const assertion = formField(req.body, "client_assertion");
      if (!client && assertion !== null) {
        try {
          client = decodeJwt(assertion).sub ?? null;
        } catch {
          /* the handler reports it */
        }
      }
      return { kind: "none", bucket: client ? `client:${client}` : ipBucket(req) };
    }
    return { kind: "none", bucket: ipBucket(req) };
  }
  if (op.operationId === "v1GetSnapshotImage" && req.headers.authorization === undefined) {
    const { query: q, params: p } = req;
    if (snapshotSignatureValid({ sim }, p.id ?? "", q.exp, q.sig)) return { kind: "signed", bucket: ipBucket(req) };
    throw new SimError(
      401,
      "invalid_api_key",
      "snapshot URL signature is missing, wrong or expired, and no API key was sent",
    );
  }
  const token = bearer(req);
  if (op.security.includes("apiKey")) {
    if (!token)
      throw new SimError(
        401,
        "invalid_api_key",
        "missing API key: send Authorization: Bearer chekt_live_… or chekt_test_…",
      );
    if (!API_KEY_RE.test(token))
      throw new SimError(
        401,
        "invalid_api_key",
        "malformed API key (expected chekt_live_… or chekt_test_… with 20+ characters after the prefix)",
      );
    const appId = s.appByKey.get(token);
    const app = appId ? s.apps.get(appId) : undefined;
    const key = app?.keys.find((k) => k.key === token);
    if (!app || !key) throw new SimError(401, "invalid_api_key", "unknown API key");
    if (key.expires_at && Date.parse(key.expires_at) <= Date.now())
      throw new SimError(401, "invalid_api_key", "API key was revoked or rotated out");
    return { kind: "apiKey", app, bucket: `app:${app.id}`, credential: `app:${app.id}` };
  }
  if (!token)
    throw new SimError(401, "invalid_token", "missing access token: send Authorization: Bearer <access_token>");
  const t = s.tokens.get(token);
  if (!t) throw new SimError(401, "invalid_token", "unknown access token");
  if (t.expires_at <= Date.now()) {
    s.tokens.delete(token);
    throw new SimError(401, "invalid_token", "access token expired; request a new one at /oauth/token");
  }
  const partner = s.partners.get(t.partner_id);
  if (!partner) throw new SimError(401, "invalid_token", "the token's client no longer exists");
  const bucket = `client:${partner.client_id}`;
  if (op.security.includes("userToken")) {
    if (t.kind !== "user")
      throw new SimError(
        401,
        "invalid_token",
        "this endpoint needs a user access token (authorization-code grant), not a client-credentials token",
      );
    return {
      kind: "user",
      partnerId: t.partner_id,
      dealerId: t.dealer_id!,
      email: t.user_email!,
      bucket,
      credential: `client:${partner.client_id}`,
    };
  }
  if (t.kind !== "partner")
    throw new SimError(401, "invalid_token", "user access tokens are only accepted by PUT /partner/v1/dealers/connect");
  return { kind: "partner", partnerId: t.partner_id, bucket, credential: `client:${partner.client_id}` };
}

function applyRate(sim: Sim, req: FastifyRequest, bucket: string, consume: boolean) {
  const d = consume ? sim.limiter.take(bucket) : sim.limiter.peek(bucket);
  req.rateHeaders = {
    "x-ratelimit-limit": String(d.limit),
    "x-ratelimit-remaining": String(d.remaining),
    "x-ratelimit-reset": String(d.reset),
  };
  if (!d.allowed)
    throw new SimError(
      429,
      "rate_limited",
      `rate limit exceeded (${d.limit}/min, burst ${sim.config.rateLimitBurstPerS}); retry after ${d.retryAfter} s`,
      undefined,
      undefined,
      { "retry-after": String(d.retryAfter) },
    );
}

function send(reply: FastifyReply, a: Answer) {
  reply.code(a.status);
  if (a.headers) reply.headers(a.headers);
  if (a.raw) return reply.type(a.raw.contentType).send(a.raw.data);
  if (a.body === undefined) return reply.send();
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(a.body));
}

async function pipeline(sim: Sim, op: Operation, req: ContractRequest, reply: FastifyReply) {
  let auth: Auth;
  try {
    auth = authenticate(sim, op, req);
  } catch (e) {
    // Failed credentials still cost from the caller's address, so guessing is rate limited too.
    applyRate(sim, req, ipBucket(req), true);
    throw e;
  }
  applyRate(sim, req, auth.bucket, auth.kind !== "signed");
  if (auth.kind === "apiKey") {
    const missing = (op.apiKeyScopes ?? []).filter((sc) => !auth.app.scopes.includes(sc));
    if (missing.length)
      throw new SimError(403, "permission_denied", `the app is missing the scope ${missing.join(", ")}`);
  }

  // Copies: the document's checks coerce path and query values to their declared types in place.
  const params: Record<string, unknown> = { ...req.params };
  const query: Record<string, unknown> = { ...req.query };
  const headers: Record<string, unknown> = { ...req.headers };
  if (!SELF_VALIDATING.has(op.operationId)) {
    const errors = [...op.validatePath(params), ...op.validateQuery(query), ...op.validateHeaders(headers)];
    const body: unknown = req.body;
    if (op.bodyType === "application/json") {
      if (body === undefined) {
        if (op.bodyRequired) errors.push({ field: "body", message: "a JSON request body is required" });
      } else if (ITEMWISE.has(op.operationId)) {
        if (!Array.isArray(body)) errors.push({ field: "body", message: "body must be an array of devices" });
        else if (body.length === 0) errors.push({ field: "body", message: "body must have at least 1 item" });
      } else {
        errors.push(...op.validateBody(body));
        const extra = EXTRA_BODY_CHECKS[op.operationId]?.(body) ?? [];
        for (const e of extra) if (!errors.some((x) => x.field === e.field)) errors.push(e);
      }
    } else if (
      op.bodyType === null &&
      body !== undefined &&
      body !== null &&
      req.method !== "DELETE" &&
      !(typeof body === "object" && Object.keys(body).length === 0)
    ) {
      errors.push({ field: "body", message: "this operation takes no request body" });
    }
    if (errors.length) throw SimError.validation(errors);
  }

  // Idempotency: same credential + method + path + key; replay or refuse.
  const idemKey = req.headers["idempotency-key"];
  let idemSlot: string | null = null;
  let bodyHash = "";
  if (typeof idemKey === "string" && WRITE.has(req.method) && auth.kind !== "none" && auth.kind !== "signed") {
    idemSlot = `${auth.credential}|${req.method}|${req.url.split("?")[0]}|${idemKey}`;
    bodyHash = createHash("sha256")
      .update(JSON.stringify(req.body ?? null))
      .digest("hex");
    const hit = sim.store.idempotency.get(idemSlot);
    if (hit && Date.now() - hit.at < sim.config.idempotencyTtlS * 1000) {
      if (hit.hash !== bodyHash)
        throw new SimError(
          409,
          "idempotency_conflict",
          "Idempotency-Key was already used with a different request body",
          "Idempotency-Key",
        );
      reply.code(hit.status).headers({ ...hit.headers, "idempotent-replayed": "true" });
      return reply.send(hit.body === "" ? undefined : hit.body);
    }
  }

  if (!isOperationId(handlers, op.operationId))
    throw new SimError(501, "internal_error", `no handler for ${op.operationId}`);
  const base = { sim, op, auth, req, origin: `${req.protocol}://${req.headers.host ?? ""}` };
  const answer: Answer = await runHandler(handlers, op.operationId, base, { params, query, body: req.body });

  if (sim.config.validateResponses && !answer.raw && answer.body !== undefined) {
    const errs = op.validateResponse(answer.status, answer.body, { projected: query.fields !== undefined });
    if (errs && errs.length) {
      throw new SimError(
        500,
        "internal_error",
        `simulator answer does not match the document: ${errs.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
      );
    }
  }
  if (idemSlot && answer.status < 500) {
    const keep: Record<string, string> = {
      "content-type": answer.raw?.contentType ?? "application/json; charset=utf-8",
    };
    for (const [k, v] of Object.entries(answer.headers ?? {})) keep[k] = v;
    sim.store.idempotency.set(idemSlot, {
      hash: bodyHash,
      status: answer.status,
      headers: keep,
      body: answer.body === undefined ? "" : JSON.stringify(answer.body),
      at: Date.now(),
    });
    if (sim.store.idempotency.size % 1000 === 0) {
      const cutoff = Date.now() - sim.config.idempotencyTtlS * 1000;
      for (const [k, v] of sim.store.idempotency) if (v.at < cutoff) sim.store.idempotency.delete(k);
    }
  }
  return send(reply, answer);
}

/** Start a simulator. `port: 0` picks a free port. `close()` stops every timer and socket. */
export async function startSimulator(opts: StartOptions = {}): Promise<RunningSimulator> {
  const config: SimConfig = { ...defaultConfig, ...opts.config };
  const contract = loadContract();
  let saveTimer: NodeJS.Timeout | null = null;
  let closed = false;
  const save = () => {
    if (!opts.dataFile) return;
    mkdirSync(dirname(opts.dataFile), { recursive: true });
    const tmp = `${opts.dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(sim.store.toJSON()));
    renameSync(tmp, opts.dataFile);
  };
  const changed = () => {
    if (!opts.dataFile || closed || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      try {
        save();
      } catch (e) {
        console.error("[sim] could not save state:", errorText(e));
      }
    }, 250);
  };
  let initial: Store | undefined;
  if (opts.dataFile && existsSync(opts.dataFile)) {
    try {
      initial = Store.fromJSON(JSON.parse(readFileSync(opts.dataFile, "utf8")));
      if ((opts.seed ?? "demo") === "demo") {
        const changed = refreshSeedFromEnv(initial);
        if (changed.length)
          console.log(`[sim] saved state loaded; refreshed from the environment: ${changed.join(", ")}`);
      }
    } catch (e) {
      console.error(`[sim] ignoring unreadable state file ${opts.dataFile}: ${errorText(e)}`);
    }
  }
  const sim = new Sim(config, contract, opts.seed ?? "demo", changed, initial);

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 5 * 1024 * 1024, trustProxy: false });
  await app.register(formbody);
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, raw, done) => {
    const text = String(raw);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new SimError(400, "validation_failed", "request body is not valid JSON", "body"), undefined);
    }
  });

  const sleeps = new Set<() => void>();
  /** A delay that close() can cut short, so a test never waits on an injected fault. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        sleeps.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      sleeps.add(done);
    });
  app.addHook("onRequest", async (req, reply) => {
    req.reqId = requestId();
    const incoming = req.headers["x-partner-trace-id"];
    req.traceId = typeof incoming === "string" && incoming.trim() !== "" ? incoming.trim().slice(0, 128) : randomUUID();
    reply.header("x-partner-trace-id", req.traceId);
    reply.header("x-request-id", req.reqId);
    if (config.logRequests) console.log(`[sim] ${req.method} ${req.url} trace=${req.traceId}`);
    if (req.url.startsWith("/_sim")) return;
    const hit = sim.faults.match(req.method, req.url.split("?")[0]!);
    if (!hit) return;
    if (hit.when === "after") {
      req.faultAfter = hit;
      return;
    }
    if (hit.delayMs > 0) await sleep(hit.delayMs);
    if (hit.outcome.kind === "drop") {
      reply.hijack();
      req.raw.socket.destroy();
      return;
    }
    if (hit.outcome.kind === "error") throw hit.outcome.error;
  });
  app.addHook("onSend", async (req, reply, payload) => {
    const after = req.faultAfter;
    if (after) {
      // The work is done (and kept); now the answer suffers.
      req.faultAfter = undefined;
      if (after.delayMs > 0) await sleep(after.delayMs);
      if (after.outcome.kind === "drop") {
        req.raw.socket.destroy();
        return payload;
      }
      if (after.outcome.kind === "error") {
        const e = after.outcome.error;
        reply.code(e.status).headers(e.headers).type("application/json; charset=utf-8");
        reply.removeHeader("idempotent-replayed");
        payload = JSON.stringify(config.errorShape === "nest" ? nestBody(e) : envelope(e, req.reqId));
      }
    }
    if (!req.url.startsWith("/_sim") && !reply.hasHeader("x-ratelimit-limit")) {
      if (!req.rateHeaders) {
        const d = sim.limiter.peek(ipBucket(req));
        req.rateHeaders = {
          "x-ratelimit-limit": String(d.limit),
          "x-ratelimit-remaining": String(d.remaining),
          "x-ratelimit-reset": String(d.reset),
        };
      }
      reply.headers(req.rateHeaders);
    }
    return payload;
  });
  app.addHook("onResponse", async (req, reply) => {
    if (req.url.startsWith("/_sim")) return;
    const route = req.routeOptions.url ?? req.url.split("?")[0]!;
    requestCounter.count(req.method, route, reply.statusCode, Date.now() - reply.elapsedTime);
    if (req.method !== "GET") changed();
  });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    let e: SimError;
    if (err instanceof SimError) e = err;
    else if (err.statusCode && err.statusCode < 500)
      e = new SimError(
        err.statusCode,
        err.statusCode === 413 ? "validation_failed" : "validation_failed",
        err.message,
        "body",
      );
    else {
      console.error("[sim] internal error", err);
      e = new SimError(500, "internal_error", "internal simulator error");
    }
    if (req.rateHeaders) reply.headers(req.rateHeaders);
    const body =
      config.errorShape === "nest" && !req.url.startsWith("/_sim")
        ? nestBody(e)
        : envelope(e, req.reqId ?? requestId());
    reply.code(e.status).headers(e.headers).type("application/json; charset=utf-8").send(JSON.stringify(body));
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new SimError(404, "not_found", `no route ${req.method} ${req.url.split("?")[0]}`);
    const body =
      config.errorShape === "nest" && !req.url.startsWith("/_sim")
        ? nestBody(e)
        : envelope(e, req.reqId ?? requestId());
    reply.code(404).type("application/json; charset=utf-8").send(JSON.stringify(body));
  });

  // The document is read at run time: an operation added to it without a handler is refused here.
  const unimplemented = contract.operations
    .filter((op) => !isOperationId(handlers, op.operationId))
    .map((op) => op.operationId);
  if (unimplemented.length) throw new Error(`simulator: no implementation for ${unimplemented.join(", ")}`);
  for (const op of contract.operations) {
    // Fastify takes a lowercase method too (its HTTPMethods type) and upper-cases it.
    app.route<ContractRoute>({
      method: op.method,
      url: op.routePath,
      handler: (req, reply) => pipeline(sim, op, req, reply),
    });
  }
  app.get<{ Params: { id: string } }>("/track/:id", async (req, reply) => {
    const id = req.params.id.replace(/[^\w-]/g, "");
    return reply
      .type("text/html; charset=utf-8")
      .send(`<!doctype html><title>Responder tracking</title><p>Responder en route for ${id}.</p>`);
  });
  app.get("/", async () => ({ name: "CHeKT simulator", openapi: "/openapi.yaml", control: "/_sim" }));
  app.get("/openapi.yaml", async (_req, reply) => reply.type("application/yaml").send(readFileSync(OPENAPI_PATH)));

  let demoTimer: NodeJS.Timeout | null = null;
  registerControl(app, sim, () => undefined);

  const host = opts.host ?? "127.0.0.1";
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : (opts.port ?? 0);
  const url = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  sim.baseUrl = url;
  sim.deliverer.resume();

  if (opts.demoAlarmEveryS && opts.demoAlarmEveryS > 0) {
    demoTimer = setInterval(() => {
      try {
        const s = sim.store;
        const dealers = new Set([...s.apps.values()].map((a) => a.dealer_id));
        const sites = [...dealers]
          .flatMap((d) => s.sites.byParent.of(d))
          .filter((id) => s.contacts.byParent.count(id) > 0);
        const siteId = sites[Math.floor(Math.random() * sites.length)];
        if (siteId !== undefined) {
          const { alarm } = sim.createAlarm({ site_id: siteId });
          if (config.logRequests) console.log(`[sim] demo alarm alm_${alarm.id} on site ${siteId}`);
        }
      } catch (e) {
        console.error("[sim] demo alarm failed:", errorText(e));
      }
    }, opts.demoAlarmEveryS * 1000);
  }

  return {
    url,
    port,
    sim,
    get state() {
      return sim.store;
    },
    config,
    async close() {
      if (closed) return;
      closed = true;
      if (demoTimer) clearInterval(demoTimer);
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = null;
      }
      for (const wake of sleeps) wake();
      sim.deliverer.close();
      await app.close();
      if (opts.dataFile) {
        try {
          save();
        } catch (e) {
          console.error("[sim] could not save state:", errorText(e));
        }
      }
    },
  };
}
