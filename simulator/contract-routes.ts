import type { FastifyInstance, FastifyReply } from "fastify";
import { authenticate, ipBucket } from "./authenticate";
import type { Contract, Operation } from "./contract";
import type { ContractRequest, ContractRoute } from "./contract-request";
import { SimError } from "./errors";
import { isOperationId, runHandler, type Answer, type Handlers } from "./handlers";
import { idempotencySlot, keepAnswer, replayKept } from "./idempotency";
import { oauthHandlers } from "./oauth";
import { partnerHandlers } from "./partner";
import { applyRate } from "./rate-headers";
import { requestErrors, SELF_VALIDATING } from "./request-checks";
import type { Auth, Sim } from "./sim";
import { v1Handlers } from "./v1";

/** One handler per operationId of the document: a missing one does not compile. */
const handlers: Handlers = { ...oauthHandlers, ...partnerHandlers, ...v1Handlers };

/** The caller, paced by its bucket and holding the scopes the operation needs. */
function authorize(sim: Sim, op: Operation, req: ContractRequest): Auth {
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
  return auth;
}

/** With `validateResponses` on, an answer the document does not allow is the simulator's own 500. */
function checkAnswer(sim: Sim, op: Operation, answer: Answer, query: Record<string, unknown>) {
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
}

function send(reply: FastifyReply, a: Answer) {
  reply.code(a.status);
  if (a.headers) reply.headers(a.headers);
  if (a.raw) return reply.type(a.raw.contentType).send(a.raw.data);
  if (a.body === undefined) return reply.send();
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(a.body));
}

/** One API request: credentials and pace, the document's checks, an idempotent replay or the handler. */
async function pipeline(sim: Sim, op: Operation, req: ContractRequest, reply: FastifyReply) {
  const auth = authorize(sim, op, req);
  // Copies: the document's checks coerce path and query values to their declared types in place.
  const params: Record<string, unknown> = { ...req.params };
  const query: Record<string, unknown> = { ...req.query };
  const headers: Record<string, unknown> = { ...req.headers };
  if (!SELF_VALIDATING.has(op.operationId)) {
    const errors = requestErrors(op, req, { params, query, headers });
    if (errors.length) throw SimError.validation(errors);
  }

  const slot = idempotencySlot(auth, req);
  const replayed = slot ? replayKept(sim, slot, reply) : null;
  if (replayed) return replayed;

  if (!isOperationId(handlers, op.operationId))
    throw new SimError(501, "internal_error", `no handler for ${op.operationId}`);
  const base = { sim, op, auth, req, origin: `${req.protocol}://${req.headers.host ?? ""}` };
  const answer: Answer = await runHandler(handlers, op.operationId, base, { params, query, body: req.body });
  checkAnswer(sim, op, answer, query);
  if (slot && answer.status < 500) keepAnswer(sim, slot, answer);
  return send(reply, answer);
}

/** A route per operation of the document, each through the pipeline. */
export function registerContractRoutes(app: FastifyInstance, sim: Sim, contract: Contract) {
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
}
