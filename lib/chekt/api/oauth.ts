import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ChektError } from "@/lib/chekt/errors";
import { env } from "@/lib/env";
import { decryptSecret, encryptSecret } from "@/lib/secrets";
import { chekt } from "./call";

// Connecting a dealer: OAuth 2.0 authorization code with PKCE (S256) and `state`. What we must
// remember between the redirect to CHeKT and the way back lives in one sealed, httpOnly cookie.

export const CONNECT_COOKIE = "chekt_connect";
export const CONNECT_COOKIE_PATH = "/api/dealers";
export const CONNECT_TTL_S = 600;

export function callbackUrl(): string {
  return new URL("/api/dealers/callback", env.APP_URL).toString();
}

export function newPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url"); // 43 characters of [A-Za-z0-9_-]
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

export function authorizeUrl(args: { state: string; challenge: string }): string {
  const url = new URL("/oauth/authorize", env.CHEKT_API_BASE_URL);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: env.CHEKT_CLIENT_ID,
    redirect_uri: callbackUrl(),
    code_challenge: args.challenge,
    code_challenge_method: "S256",
    state: args.state,
    scope: "dealer:connect",
  }).toString();
  return url.toString();
}

const pendingSchema = z.object({
  state: z.string().min(20),
  verifier: z.string().min(43),
  external_dealer_id: z.string(),
  company_name: z.string(),
  userId: z.string(),
  expiresAt: z.number(),
});
export type PendingConnect = z.infer<typeof pendingSchema>;

export function sealPending(p: Omit<PendingConnect, "expiresAt">): string {
  return encryptSecret(
    JSON.stringify({ ...p, expiresAt: Date.now() + CONNECT_TTL_S * 1000 }),
    env.SECRETS_ENCRYPTION_KEY,
  );
}

/** Null when the cookie is missing, forged, from another key, or expired. */
export function openPending(sealed: string | undefined): PendingConnect | null {
  if (!sealed) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(decryptSecret(sealed, env.SECRETS_ENCRYPTION_KEY)));
    if (!parsed.success || parsed.data.expiresAt < Date.now()) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

type CookieOptions = {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: string;
  maxAge: number;
};

/**
 * The first half of connecting a dealer: CHeKT's approval page to send the admin to, and the sealed
 * cookie that remembers the state and verifier until they come back to /api/dealers/callback.
 */
export function beginConnect(who: Omit<PendingConnect, "state" | "verifier" | "expiresAt">): {
  url: string;
  cookie: { name: string; value: string; options: CookieOptions };
} {
  const state = randomBytes(24).toString("base64url");
  const { verifier, challenge } = newPkce();
  return {
    url: authorizeUrl({ state, challenge }),
    cookie: {
      name: CONNECT_COOKIE,
      value: sealPending({ state, verifier, ...who }),
      options: {
        httpOnly: true,
        sameSite: "lax", // sent on the top-level redirect back from CHeKT, never on cross-site posts
        secure: env.APP_URL.startsWith("https://"),
        path: CONNECT_COOKIE_PATH,
        maxAge: CONNECT_TTL_S,
      },
    },
  };
}

export function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What CHeKT's redirect back to /api/dealers/callback says, read against the pending connect. */
export type CallbackAnswer =
  | { kind: "bad_state" }
  | { kind: "declined"; error: string }
  | { kind: "no_code" }
  | { kind: "code"; code: string; pending: PendingConnect };

/**
 * The state must be the one we sent, from this browser, for this user, not expired; only then does
 * CHeKT's ?error (the admin declined) or ?code count.
 */
export function readCallback(params: URLSearchParams, pending: PendingConnect | null, userId: string): CallbackAnswer {
  const state = params.get("state") ?? "";
  if (!pending || !state || !sameState(pending.state, state) || pending.userId !== userId) return { kind: "bad_state" };
  const error = params.get("error");
  if (error) return { kind: "declined", error };
  const code = params.get("code");
  return code ? { kind: "code", code, pending } : { kind: "no_code" };
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  dealer_id: z.coerce.number().optional(),
});

/**
 * Exchanges the single-use code for the dealer admin's user token. Throws ChektError. Through the
 * gateway: CHeKT counts /oauth/token on the partner client's bucket like any other call, so the
 * exchange spends the shared budget as an interactive write instead of drawing a 429 the budget
 * never saw. No Idempotency-Key, so no resend after a lost answer: the code is single use.
 */
export async function exchangeCode(args: {
  code: string;
  verifier: string;
  traceId: string;
}): Promise<z.infer<typeof tokenSchema>> {
  const form = {
    grant_type: "authorization_code" as const,
    code: args.code,
    redirect_uri: callbackUrl(),
    code_verifier: args.verifier,
    client_id: env.CHEKT_CLIENT_ID,
    ...(env.CHEKT_CLIENT_SECRET ? { client_secret: env.CHEKT_CLIENT_SECRET } : {}),
  };
  const { data, response, traceId } = await chekt.request(
    "POST",
    "/oauth/token",
    {
      body: form,
      bodySerializer: () => new URLSearchParams(form).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    },
    { traceId: args.traceId, budgetClass: "write", idempotencyKey: null },
  );
  const parsed = tokenSchema.safeParse(data);
  if (!parsed.success)
    throw new ChektError({
      kind: "server",
      status: response.status,
      code: "bad_token_response",
      message: "CHeKT sent a token answer we could not read.",
      traceId,
    });
  return parsed.data;
}
