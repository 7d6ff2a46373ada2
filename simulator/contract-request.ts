import type { FastifyRequest } from "fastify";
import type { FaultOutcome } from "./faults";

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
export type ContractRoute = { Params: Record<string, string>; Querystring: Record<string, unknown> };
export type ContractRequest = FastifyRequest<ContractRoute>;
