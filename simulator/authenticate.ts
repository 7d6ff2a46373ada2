import type { FastifyRequest } from "fastify";
import { decodeJwt } from "jose";
import { API_KEY_PATTERN } from "../lib/chekt/contract-lists";
import type { Operation } from "./contract";
import type { ContractRequest } from "./contract-request";
import { SimError } from "./errors";
import type { Auth, Sim } from "./sim";
import { snapshotSignatureValid } from "./v1";

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

/** The rate bucket of a caller with no credential: its address. */
export function ipBucket(req: FastifyRequest) {
  return `ip:${req.ip}`;
}

/** An operation open to all; a token request is paced by the client it names, when it names one. */
function anonymous(op: Operation, req: ContractRequest): Auth {
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

/** A snapshot image fetched by its signed URL instead of an API key. */
function signedSnapshot(sim: Sim, req: ContractRequest): Auth {
  const { query: q, params: p } = req;
  if (snapshotSignatureValid({ sim }, p.id ?? "", q.exp, q.sig)) return { kind: "signed", bucket: ipBucket(req) };
  throw new SimError(
    401,
    "invalid_api_key",
    "snapshot URL signature is missing, wrong or expired, and no API key was sent",
  );
}

/** A CHeKT App's API key (the /v1 API): well formed, known and not rotated out. */
function apiKeyAuth(sim: Sim, token: string | null): Auth {
  const s = sim.store;
  if (!token)
    throw new SimError(
      401,
      "invalid_api_key",
      "missing API key: send Authorization: Bearer chekt_live_… or chekt_test_…",
    );
  if (!API_KEY_PATTERN.test(token))
    throw new SimError(
      401,
      "invalid_api_key",
      "malformed API key (expected chekt_live_… or chekt_test_…, 32+ characters, letters and digits)",
    );
  const appId = s.appByKey.get(token);
  const app = appId ? s.apps.get(appId) : undefined;
  const key = app?.keys.find((k) => k.key === token);
  if (!app || !key) throw new SimError(401, "invalid_api_key", "unknown API key");
  if (key.expires_at && Date.parse(key.expires_at) <= Date.now())
    throw new SimError(401, "invalid_api_key", "API key was revoked or rotated out");
  return { kind: "apiKey", app, bucket: `app:${app.id}`, credential: `app:${app.id}` };
}

/** An OAuth access token (the Partner API): a partner's, or a dealer user's where the operation wants one. */
function accessTokenAuth(sim: Sim, op: Operation, token: string | null): Auth {
  const s = sim.store;
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

/** Who is calling, by the credential the operation's security asks for; a wrong one is a 401. */
export function authenticate(sim: Sim, op: Operation, req: ContractRequest): Auth {
  if (op.security.length === 0) return anonymous(op, req);
  if (op.operationId === "v1GetSnapshotImage" && req.headers.authorization === undefined)
    return signedSnapshot(sim, req);
  const token = bearer(req);
  if (op.security.includes("apiKey")) return apiKeyAuth(sim, token);
  return accessTokenAuth(sim, op, token);
}
