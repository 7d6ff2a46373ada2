import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { SimError } from "./errors";
import type { Answer } from "./handlers";
import type { Auth, Sim } from "./sim";

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Where a keyed write's answer is kept: credential + method + path + key, and the body it came with. */
export interface IdempotencySlot {
  key: string;
  bodyHash: string;
}

/** The slot of a write that carries an Idempotency-Key from a credential; null for anything else. */
export function idempotencySlot(auth: Auth, req: FastifyRequest): IdempotencySlot | null {
  const idemKey = req.headers["idempotency-key"];
  if (typeof idemKey !== "string" || !WRITE.has(req.method) || auth.kind === "none" || auth.kind === "signed")
    return null;
  return {
    key: `${auth.credential}|${req.method}|${req.url.split("?")[0]}|${idemKey}`,
    bodyHash: createHash("sha256")
      .update(JSON.stringify(req.body ?? null))
      .digest("hex"),
  };
}

/**
 * A fresh answer kept in the slot is sent again (marked Idempotent-Replayed); a different body under the same
 * key is a 409. Returns the reply when it replayed, null when the request is to run.
 */
export function replayKept(sim: Sim, slot: IdempotencySlot, reply: FastifyReply) {
  const hit = sim.store.idempotency.get(slot.key);
  const fresh = hit && Date.now() - hit.at < sim.config.idempotencyTtlS * 1000;
  if (!hit || !fresh) return null;
  if (hit.hash !== slot.bodyHash)
    throw new SimError(
      409,
      "idempotency_conflict",
      "Idempotency-Key was already used with a different request body",
      "Idempotency-Key",
    );
  reply.code(hit.status).headers({ ...hit.headers, "idempotent-replayed": "true" });
  return reply.send(hit.body === "" ? undefined : hit.body);
}

/** Keeps the answer for a replay; every thousandth entry also drops the expired ones. */
export function keepAnswer(sim: Sim, slot: IdempotencySlot, answer: Answer) {
  const keep: Record<string, string> = {
    "content-type": answer.raw?.contentType ?? "application/json; charset=utf-8",
  };
  for (const [k, v] of Object.entries(answer.headers ?? {})) keep[k] = v;
  sim.store.idempotency.set(slot.key, {
    hash: slot.bodyHash,
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
