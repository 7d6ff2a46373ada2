import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { ipBucket } from "./authenticate";
import "./contract-request";
import { envelope, nestBody, requestId } from "./errors";
import { rateHeaders } from "./rate-headers";
import type { Sim } from "./sim";
import type { Sleeps } from "./sleeps";
import { requestCounter } from "./stats";

/** Every request gets a request id and a trace id (the caller's, when it sent one); API requests meet their fault. */
function onRequest(app: FastifyInstance, sim: Sim, sleeps: Sleeps) {
  app.addHook("onRequest", async (req, reply) => {
    req.reqId = requestId();
    const incoming = req.headers["x-partner-trace-id"];
    req.traceId = typeof incoming === "string" && incoming.trim() !== "" ? incoming.trim().slice(0, 128) : randomUUID();
    reply.header("x-partner-trace-id", req.traceId);
    reply.header("x-request-id", req.reqId);
    if (sim.config.logRequests) console.log(`[sim] ${req.method} ${req.url} trace=${req.traceId}`);
    if (req.url.startsWith("/_sim")) return;
    const hit = sim.faults.match(req.method, req.url.split("?")[0]!);
    if (!hit) return;
    if (hit.when === "after") {
      req.faultAfter = hit;
      return;
    }
    if (hit.delayMs > 0) await sleeps.sleep(hit.delayMs);
    if (hit.outcome.kind === "drop") {
      reply.hijack();
      req.raw.socket.destroy();
      return;
    }
    if (hit.outcome.kind === "error") throw hit.outcome.error;
  });
}

/** A `when: "after"` fault strikes the finished answer; every API answer carries the rate headers. */
function onSend(app: FastifyInstance, sim: Sim, sleeps: Sleeps) {
  app.addHook("onSend", async (req, reply, payload) => {
    const after = req.faultAfter;
    if (after) {
      // The work is done (and kept); now the answer suffers.
      req.faultAfter = undefined;
      if (after.delayMs > 0) await sleeps.sleep(after.delayMs);
      if (after.outcome.kind === "drop") {
        req.raw.socket.destroy();
        return payload;
      }
      if (after.outcome.kind === "error") {
        const e = after.outcome.error;
        reply.code(e.status).headers(e.headers).type("application/json; charset=utf-8");
        reply.removeHeader("idempotent-replayed");
        payload = JSON.stringify(sim.config.errorShape === "nest" ? nestBody(e) : envelope(e, req.reqId));
      }
    }
    if (!req.url.startsWith("/_sim") && !reply.hasHeader("x-ratelimit-limit")) {
      if (!req.rateHeaders) req.rateHeaders = rateHeaders(sim.limiter.peek(ipBucket(req)));
      reply.headers(req.rateHeaders);
    }
    return payload;
  });
}

/** Answered API requests are counted (GET /_sim/stats), and a write marks the state changed. */
function onResponse(app: FastifyInstance, changed: () => void) {
  app.addHook("onResponse", async (req, reply) => {
    if (req.url.startsWith("/_sim")) return;
    const route = req.routeOptions.url ?? req.url.split("?")[0]!;
    requestCounter.count(req.method, route, reply.statusCode, Date.now() - reply.elapsedTime);
    if (req.method !== "GET") changed();
  });
}

/** The hooks every request passes through. */
export function addRequestHooks(app: FastifyInstance, sim: Sim, sleeps: Sleeps, changed: () => void) {
  onRequest(app, sim, sleeps);
  onSend(app, sim, sleeps);
  onResponse(app, changed);
}
