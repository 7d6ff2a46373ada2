import { z } from "zod";
import { errorFromResponse } from "./errors";
import { outsideInteractive } from "./budget-wait";
import { callState, type ClientContext } from "./client-context";
import { TokenSource, type ChektAuth, type TokenNeed, type TokenResponse } from "./token";
import type { AuthHeader } from "./transport";
import type { CallOptions } from "./client";

/** The client's OAuth part: the partner token (fetched and cached by TokenSource) and each call's auth header. */
export type ClientAuth = { header: (opts: CallOptions, path: string) => AuthHeader; tokenRequests: () => number };

/** The token endpoint takes no bearer (`security: []` in openapi.yaml): a code exchange sent there needs none. */
const TOKEN_PATH = "/oauth/token";

export function clientAuth(ctx: ClientContext, auth: ChektAuth): ClientAuth {
  const tokens =
    auth.type === "client_secret" || auth.type === "private_key_jwt"
      ? new TokenSource(
          auth,
          `${ctx.baseUrl}${TOKEN_PATH}`,
          (form, need) => fetchToken(ctx, form, need),
          () => ctx.clock.now(),
        )
      : null;
  const header = (opts: CallOptions, path: string): AuthHeader => {
    if (path === TOKEN_PATH) return { token: async () => null };
    const bearer = opts.bearer;
    if (bearer) return { token: async () => bearer };
    if (auth.type === "api_key") return { token: async () => auth.apiKey };
    if (tokens) return { token: (need) => tokens.get(need), forget: (t) => tokens.forget(t) };
    return { token: async () => null };
  };
  return { header, tokenRequests: () => tokens?.requests ?? 0 };
}

// TokenSource refuses an answer without an access_token and reads expires_in as a number; an
// answer of another shape reaches it as an empty token, so it refuses that too.
const tokenAnswer = z.object({ access_token: z.string(), expires_in: z.unknown().transform((v) => Number(v) || 0) });

// /oauth/token goes through the same transport (pacing, retries): asking for a token twice is harmless.
function fetchToken(ctx: ClientContext, form: Record<string, string>, need: TokenNeed): Promise<TokenResponse> {
  // Sent outside the action of the call that needs it: the request serves every call waiting on it,
  // and an interactive action's first call may be handed back to its form to wait, while an answer
  // waiting on the same token must not be. Its class and deadline are that call's (token.ts).
  return outsideInteractive(() => requestToken(ctx, form, need));
}

async function requestToken(ctx: ClientContext, form: Record<string, string>, need: TokenNeed): Promise<TokenResponse> {
  const call = { method: "POST", path: TOKEN_PATH, idempotencyKey: null, retrySafe: true };
  const state = callState(ctx, call, { budgetClass: need.budgetClass });
  state.deadline = Math.min(state.deadline, need.deadline);
  const { data, error, response } = await ctx.api.POST(TOKEN_PATH, {
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
      path: TOKEN_PATH,
      traceId: state.traceId,
      waitedMs: state.waitedMs,
      attempts: state.attempts,
      kind: refused ? "unauthorized" : undefined,
    });
  }
  const read = tokenAnswer.safeParse(data);
  return read.success ? read.data : { access_token: "", expires_in: 0 };
}
