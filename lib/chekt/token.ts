import { createPrivateKey, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { BUDGET_CLASSES, type BudgetClass } from "./budget-class";
import { ChektError } from "./errors";

/** How the client proves who it is. */
export type ChektAuth =
  /** OAuth client credentials with a shared secret. */
  | { type: "client_secret"; clientId: string; clientSecret: string }
  /** OAuth client credentials with an RS256 JWT client assertion (RFC 7523 private_key_jwt). */
  | { type: "private_key_jwt"; clientId: string; privateKey: string | KeyObject; keyId?: string }
  /** A CHeKT App API key for the /v1 surface (no OAuth). */
  | { type: "api_key"; apiKey: string }
  /** Nothing (the caller passes `bearer` per call, or only public endpoints are used). */
  | { type: "none" };

export type TokenResponse = { access_token: string; token_type?: string; expires_in: number; scope?: string };

/** The call a token is for: the budget class it spends and when it must be sent by (epoch ms). */
export type TokenNeed = { budgetClass: BudgetClass; deadline: number };

/** Sends the form to /oauth/token for `need` and returns the parsed answer (throws ChektError). */
export type TokenFetcher = (form: Record<string, string>, need: TokenNeed) => Promise<TokenResponse>;

const rank = (need: TokenNeed) => BUDGET_CLASSES.indexOf(need.budgetClass);

export const JWT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** PEM from an env var: tolerate `\n` written as two characters, as .env files often do. */
export function loadPrivateKey(key: string | KeyObject): KeyObject {
  if (typeof key !== "string") return key;
  try {
    return createPrivateKey(key.includes("\\n") ? key.replace(/\\n/g, "\n") : key);
  } catch (cause) {
    throw new ChektError({
      kind: "config",
      code: "invalid_private_key",
      message: "CHEKT_PRIVATE_KEY is not a readable PEM private key (PKCS#8 or PKCS#1 RSA)",
      cause,
    });
  }
}

/** The signed client assertion: iss = sub = client_id, aud = the token URL, 60 s life, unique jti. */
export async function clientAssertion(args: {
  clientId: string;
  tokenUrl: string;
  key: KeyObject;
  keyId?: string;
  now?: number;
}): Promise<string> {
  const iat = Math.floor((args.now ?? Date.now()) / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(args.keyId ? { kid: args.keyId } : {}) })
    .setIssuer(args.clientId)
    .setSubject(args.clientId)
    .setAudience(args.tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(args.key);
}

/**
 * The client-credentials token: cached until shortly before `expires_in` ends, fetched by one
 * request however many calls need it (single flight; a higher class sends its own, see `get`), and
 * dropped when CHeKT says 401.
 */
export class TokenSource {
  private cached: { token: string; refreshAt: number } | null = null;
  private inflight: { token: Promise<string>; need: TokenNeed } | null = null;
  private key: KeyObject | null = null;
  /** Token requests sent, for tests and the bench. */
  requests = 0;

  constructor(
    private readonly auth: Extract<ChektAuth, { type: "client_secret" | "private_key_jwt" }>,
    private readonly tokenUrl: string,
    private readonly fetchToken: TokenFetcher,
    /** The client's clock (client.ts), so a test can let a token expire without waiting. */
    private readonly now: () => number = Date.now,
  ) {
    if (auth.type === "private_key_jwt") this.key = loadPrivateKey(auth.privateKey);
  }

  /**
   * A valid token for the call `need` describes: the cached one, the one being fetched, or a new one.
   * A new request spends the budget at the class of the call that starts it, by that call's deadline
   * (an answer's token at the answer class within its 4 s; a bulk job's behind the answers). A call
   * joins the request in flight unless that one is of a lower class: then it sends its own (asking
   * twice is harmless; an answer waiting behind a bulk job's token request is not). A call joining a
   * request started by a call with more time stops waiting at its own deadline; the request goes on.
   */
  get(need: TokenNeed): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    const inflight = this.inflight;
    if (!inflight || rank(need) < rank(inflight.need)) {
      const token: Promise<string> = this.fetchNew(need).finally(() => {
        if (this.inflight?.token === token) this.inflight = null;
      });
      this.inflight = { token, need };
      return token;
    }
    return inflight.need.deadline <= need.deadline ? inflight.token : this.until(inflight.token, need.deadline);
  }

  /**
   * `token`, or a timeout at `deadline`. The timer is real, as the transport's per-attempt timer is;
   * the deadline is checked by the clock again when the token comes (a test's clock skips its sleeps).
   */
  private until(token: Promise<string>, deadline: number): Promise<string> {
    const late = () =>
      new ChektError({ kind: "timeout", code: "timeout", message: "the token did not come within this call's time" });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(late()), Math.max(0, deadline - this.now()));
      token.then(
        (t) => {
          clearTimeout(timer);
          if (this.now() > deadline) reject(late());
          else resolve(t);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  /**
   * CHeKT refused `token`: forget it (unless another call already replaced it), so the next `get`
   * asks for a new one. Fifty calls that all got a 401 cause one token request, not fifty.
   */
  forget(rejected: string): void {
    if (this.cached?.token === rejected) this.cached = null;
  }

  private async fetchNew(need: TokenNeed): Promise<string> {
    this.requests += 1;
    const form: Record<string, string> = { grant_type: "client_credentials", client_id: this.auth.clientId };
    if (this.auth.type === "client_secret") {
      form.client_secret = this.auth.clientSecret;
    } else {
      form.client_assertion_type = JWT_ASSERTION_TYPE;
      form.client_assertion = await clientAssertion({
        clientId: this.auth.clientId,
        tokenUrl: this.tokenUrl,
        key: this.key!,
        keyId: this.auth.keyId,
      });
    }
    const started = this.now();
    const t = await this.fetchToken(form, need);
    if (typeof t?.access_token !== "string" || t.access_token.length === 0) {
      throw new ChektError({
        kind: "server",
        status: 200,
        code: "bad_token_response",
        message: "CHeKT's token answer had no access_token",
      });
    }
    const lifeMs = Math.max(0, Number(t.expires_in) || 0) * 1000;
    // Refresh a little early (10% of the life, at most a minute) so a call never carries a token
    // that expires on the way.
    const margin = Math.min(60_000, lifeMs * 0.1);
    this.cached = { token: t.access_token, refreshAt: started + lifeMs - margin };
    return t.access_token;
  }
}
