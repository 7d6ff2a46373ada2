import type { FastifyInstance, FastifyRequest } from "fastify";
import "./contract-request";
import { envelope, nestBody, requestId, SimError } from "./errors";
import type { Sim } from "./sim";

/** The error body: CHeKT's NestJS shape when configured (API routes only), else the envelope. */
function errorBody(sim: Sim, req: FastifyRequest, e: SimError) {
  return sim.config.errorShape === "nest" && !req.url.startsWith("/_sim")
    ? nestBody(e)
    : envelope(e, req.reqId ?? requestId());
}

/** Errors and unknown routes answer in the API's error shape, with the rate headers already decided. */
export function setErrorAnswers(app: FastifyInstance, sim: Sim) {
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    let e: SimError;
    if (err instanceof SimError) e = err;
    else if (err.statusCode && err.statusCode < 500)
      e = new SimError(err.statusCode, "validation_failed", err.message, "body");
    else {
      console.error("[sim] internal error", err);
      e = new SimError(500, "internal_error", "internal simulator error");
    }
    if (req.rateHeaders) reply.headers(req.rateHeaders);
    reply
      .code(e.status)
      .headers(e.headers)
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(errorBody(sim, req, e)));
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new SimError(404, "not_found", `no route ${req.method} ${req.url.split("?")[0]}`);
    reply
      .code(404)
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(errorBody(sim, req, e)));
  });
}
