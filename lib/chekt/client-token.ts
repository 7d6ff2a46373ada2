import { z } from "zod";
import { errorFromResponse } from "./errors";
import { callState, type ClientContext } from "./client-context";
import { TokenSource, type ChektAuth, type TokenResponse } from "./token";
import type { AuthHeader } from "./transport";
import type { CallOptions } from "./client";

/** The client's OAuth part: the partner token (fetched and cached by TokenSource) and each call's auth header. */
export type ClientAuth = { header: (opts: CallOptions) => AuthHeader; tokenRequests: () => number };

export function clientAuth(ctx: ClientContext, auth: ChektAuth): ClientAuth {
  const tokens =
    auth.type === "client_secret" || auth.type === "private_key_jwt"
      ? new TokenSource(
          auth,
          `${ctx.baseUrl}/oauth/token`,
          (form) => fetchToken(ctx, form),
          () => ctx.clock.now(),
        )
      : null;
  const header = (opts: CallOptions): AuthHeader => {
    const bearer = opts.bearer;
    if (bearer) return { token: async () => bearer };
    if (auth.type === "api_key") return { token: async () => auth.apiKey };
    if (tokens) return { token: () => tokens.get(), refresh: (t) => tokens.refresh(t) };
    return { token: async () => null };
  };
  return { header, tokenRequests: () => tokens?.requests ?? 0 };
}

// TokenSource refuses an answer without an access_token and reads expires_in as a number; an
// answer of another shape reaches it as an empty token, so it refuses that too.
const tokenAnswer = z.object({ access_token: z.string(), expires_in: z.unknown().transform((v) => Number(v) || 0) });

// /oauth/token goes through the same transport (pacing, retries): asking for a token twice is harmless.
async function fetchToken(ctx: ClientContext, form: Record<string, string>): Promise<TokenResponse> {
  // Every class needs the token and one request serves them all: it goes at the interactive
  // write class, above everything but answers (another instance's answer still goes first).
  const call = { method: "POST", path: "/oauth/token", idempotencyKey: null, retrySafe: true };
  const state = callState(ctx, call, { budgetClass: "write" });
  const { data, error, response } = await ctx.api.POST("/oauth/token", {
    body: form,
    bodySerializer: () => new URLSearchParams(form).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    fetch: ctx.transport.fetchFor(state, { token: async () => null }),
  });
  if (error !== undefined || !response.ok) {
    // A refused token request means our credentials are wrong, whatever status CHeKT chose.
    const refused = response.status === 400 || response.status === 401 || response.status === 403;
    throw errorFromResponse({
      status: response.status,
      body: error,
      headers: response.headers,
      method: "POST",
      path: "/oauth/token",
      traceId: state.traceId,
      waitedMs: state.waitedMs,
      attempts: state.attempts,
      kind: refused ? "unauthorized" : undefined,
    });
  }
  const read = tokenAnswer.safeParse(data);
  return read.success ? read.data : { access_token: "", expires_in: 0 };
}
