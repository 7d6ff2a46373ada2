import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decodeJwt, importSPKI, jwtVerify } from "jose";
import { SimError, type FieldError } from "./errors";
import {
  assertSchema,
  defineHandlers,
  isSchema,
  type Answer,
  type BaseCtx,
  type Handler,
  type Schemas,
} from "./handlers";
import type { Partner } from "./store";
import { errorText } from "../lib/error-text";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A form field of an unchecked body, when it is a string. */
function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const value: unknown = Reflect.get(body, name);
  return typeof value === "string" ? value : undefined;
}

function tokenAnswer(
  ctx: BaseCtx,
  kind: "partner" | "user",
  partner: Partner,
  user?: { dealerId: number; email: string },
): Answer<"issueToken"> {
  const token = `chekt_at_${randomBytes(24).toString("base64url")}`;
  const ttl = ctx.sim.config.tokenTtlS;
  ctx.sim.store.tokens.set(token, {
    token,
    kind,
    partner_id: partner.id,
    dealer_id: user?.dealerId ?? null,
    user_email: user?.email ?? null,
    expires_at: Date.now() + ttl * 1000,
  });
  // Expired tokens are pruned lazily so the map does not grow forever in a long demo.
  if (ctx.sim.store.tokens.size % 500 === 0)
    for (const [k, t] of ctx.sim.store.tokens) if (t.expires_at < Date.now()) ctx.sim.store.tokens.delete(k);
  ctx.sim.markDirty();
  return {
    status: 200,
    headers: { "cache-control": "no-store" },
    body: {
      access_token: token,
      token_type: "Bearer",
      expires_in: ttl,
      scope: kind === "partner" ? "partner" : "dealer:connect",
      ...(user ? { dealer_id: user.dealerId } : {}),
    },
  };
}

async function clientAssertion(ctx: BaseCtx, body: unknown): Promise<Partner> {
  assertSchema(ctx.sim, "ClientCredentialsAssertionRequest", body);
  let claims;
  try {
    claims = decodeJwt(body.client_assertion);
  } catch {
    throw new SimError(401, "invalid_client", "client_assertion is not a JWT", "client_assertion");
  }
  const clientId = claims.sub ?? claims.iss;
  if (body.client_id && body.client_id !== clientId)
    throw new SimError(401, "invalid_client", "client_id does not match the assertion's sub", "client_id");
  const partnerId = clientId ? ctx.sim.store.partnersByClientId.get(clientId) : undefined;
  const partner = partnerId !== undefined ? ctx.sim.store.partners.get(partnerId) : undefined;
  if (!partner) throw new SimError(401, "invalid_client", "unknown client");
  if (!partner.public_key_pem) throw new SimError(401, "invalid_client", "no public key is registered for this client");
  const audiences = [
    ...new Set(
      [ctx.origin, ctx.sim.baseUrl, ctx.sim.config.publicUrl ?? ctx.sim.baseUrl, "https://api.chekt.com"].flatMap(
        (o) => [`${o}/oauth/token`, o],
      ),
    ),
  ];
  try {
    const key = await importSPKI(partner.public_key_pem, "RS256");
    const { payload } = await jwtVerify(body.client_assertion, key, {
      issuer: partner.client_id,
      subject: partner.client_id,
      audience: audiences,
      algorithms: ["RS256"],
      requiredClaims: ["exp", "jti"],
    });
    if (payload.exp! - Math.floor(Date.now() / 1000) > 300 + 30) throw new Error("exp is more than 5 minutes ahead");
    const jti = `${partner.id}:${payload.jti}`;
    const now = Date.now();
    for (const [k, until] of ctx.sim.usedJti) if (until < now) ctx.sim.usedJti.delete(k);
    if (ctx.sim.usedJti.has(jti)) throw new Error("jti was already used");
    ctx.sim.usedJti.set(jti, payload.exp! * 1000);
  } catch (e) {
    throw new SimError(401, "invalid_client", `client assertion rejected: ${errorText(e)}`, "client_assertion");
  }
  return partner;
}

const issueToken: Handler<"issueToken"> = async (ctx) => {
  const body = ctx.body ?? {};
  const s = ctx.sim.store;
  const grantType = field(body, "grant_type");
  if (!grantType) throw new SimError(400, "validation_failed", "grant_type is required", "grant_type");
  if (grantType === "client_credentials") {
    const assertionType = field(body, "client_assertion_type");
    if (field(body, "client_assertion") !== undefined || assertionType !== undefined) {
      if (assertionType !== ASSERTION_TYPE)
        throw new SimError(
          400,
          "validation_failed",
          `client_assertion_type must be ${ASSERTION_TYPE}`,
          "client_assertion_type",
        );
      return tokenAnswer(ctx, "partner", await clientAssertion(ctx, body));
    }
    assertSchema(ctx.sim, "ClientCredentialsSecretRequest", body);
    const partnerId = s.partnersByClientId.get(body.client_id);
    const partner = partnerId !== undefined ? s.partners.get(partnerId) : undefined;
    if (!partner || !partner.client_secret || !safeEqual(partner.client_secret, body.client_secret)) {
      throw new SimError(401, "invalid_client", "unknown client_id or wrong client_secret");
    }
    return tokenAnswer(ctx, "partner", partner);
  }
  if (grantType === "authorization_code") {
    assertSchema(ctx.sim, "AuthorizationCodeRequest", body);
    const code = s.codes.get(body.code);
    // Single use: a code is gone after the first exchange attempt, right or wrong.
    if (code) s.codes.delete(body.code);
    if (!code) throw new SimError(400, "invalid_grant", "authorization code is unknown or was already used", "code");
    if (code.expires_at < Date.now()) throw new SimError(400, "invalid_grant", "authorization code expired", "code");
    const partner = s.partners.get(code.partner_id)!;
    if (partner.client_id !== body.client_id)
      throw new SimError(400, "invalid_grant", "code was issued to another client", "client_id");
    if (
      body.client_secret !== undefined &&
      (!partner.client_secret || !safeEqual(partner.client_secret, body.client_secret))
    )
      throw new SimError(401, "invalid_client", "wrong client_secret");
    if (code.redirect_uri !== body.redirect_uri)
      throw new SimError(400, "invalid_grant", "redirect_uri differs from the authorization request", "redirect_uri");
    const challenge = createHash("sha256").update(body.code_verifier).digest("base64url");
    if (challenge !== code.code_challenge)
      throw new SimError(400, "invalid_grant", "code_verifier does not match the code_challenge", "code_verifier");
    return tokenAnswer(ctx, "user", partner, { dealerId: code.dealer_id, email: code.user_email });
  }
  throw new SimError(
    400,
    "unsupported_grant_type",
    `grant_type ${grantType} is not supported; use client_credentials or authorization_code`,
    "grant_type",
  );
};

// ---------- approval page

const esc = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = [
  "body{font:15px/1.5 system-ui,sans-serif;background:#f3f5f8;color:#1c2430;margin:0;display:grid;",
  "place-items:center;min-height:100vh}",
  "main{background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001;padding:32px;width:min(420px,92vw)}",
  "h1{font-size:20px;margin:0 0 4px}",
  "p.sub{color:#5b6675;margin:0 0 20px}label{display:block;font-weight:600;margin:12px 0 4px}",
  "input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:9px 10px;",
  "border:1px solid #c8d0da;border-radius:8px;font:inherit}",
  ".row{display:flex;gap:10px;margin-top:22px}",
  "button{flex:1;padding:10px;border-radius:8px;border:1px solid #c8d0da;background:#fff;font:inherit;cursor:pointer}",
  "button.primary{background:#0b5fff;border-color:#0b5fff;color:#fff;font-weight:600}",
  ".err{background:#fdecec;color:#9b1c1c;padding:10px 12px;border-radius:8px;margin-bottom:12px}",
  ".brand{font-weight:800;letter-spacing:.04em;color:#0b5fff;margin-bottom:16px}ul{padding-left:18px}",
].join("");

function page(title: string, inner: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} · CHeKT</title>` +
    `<style>${STYLE}</style></head>` +
    `<body><main><div class="brand">CHeKT</div>${inner}</main></body></html>`
  );
}

/** The authorization request (GET /oauth/authorize's query; repeated as hidden fields of the approval form). */
type AuthzParams = Omit<Schemas["AuthorizeDecision"], "decision" | "email" | "password">;
/** An HTML page: no JSON body, so it fits any operation's answer. */
type HtmlAnswer = { status: number; raw: { contentType: string; data: string } };

function checkClient(ctx: BaseCtx, p: AuthzParams): Partner {
  const id = ctx.sim.store.partnersByClientId.get(p.client_id);
  const partner = id !== undefined ? ctx.sim.store.partners.get(id) : undefined;
  if (!partner) throw new SimError(400, "invalid_client", `unknown client_id ${p.client_id}`, "client_id");
  let url: URL;
  try {
    url = new URL(p.redirect_uri);
  } catch {
    throw new SimError(400, "validation_failed", "redirect_uri must be an absolute URL", "redirect_uri");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SimError(400, "validation_failed", "redirect_uri must be http(s)", "redirect_uri");
  if (partner.redirect_uris.length && !partner.redirect_uris.includes(p.redirect_uri))
    throw new SimError(400, "validation_failed", "redirect_uri is not registered for this client", "redirect_uri");
  return partner;
}

function html(status: number, data: string): HtmlAnswer {
  return { status, raw: { contentType: "text/html; charset=utf-8", data } };
}

function errorPage(status: number, message: string, details: string[] = []): HtmlAnswer {
  return html(
    status,
    page(
      "Cannot continue",
      `<h1>This connection request cannot continue</h1><p class="err">${esc(message)}</p>` +
        (details.length ? `<ul>${details.map((d) => `<li>${esc(d)}</li>`).join("")}</ul>` : "") +
        `<p class="sub">Go back to the application and start again.</p>`,
    ),
  );
}

/** The answer to an authorization request that failed its operation's own checks. */
function invalidRequest(errors: { message: string }[]): HtmlAnswer {
  return errorPage(
    400,
    "The authorization request is invalid.",
    errors.map((e) => e.message),
  );
}

function form(ctx: BaseCtx, p: AuthzParams, partner: Partner, error?: string, email = ""): string {
  const hidden = (
    ["response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method", "state", "scope"] as const
  )
    .filter((k) => p[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(p[k])}">`)
    .join("");
  return page(
    "Connect your dealer account",
    `<h1>Connect your dealer account</h1>
<p class="sub"><strong>${esc(partner.name)}</strong> asks to manage your sites, devices and alarm verifications.
Sign in as a dealer admin to approve.</p>
${error ? `<div class="err" role="alert">${esc(error)}</div>` : ""}
<form method="post" action="/oauth/authorize">${hidden}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" value="${esc(email)}" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<div class="row"><button type="submit" name="decision" value="deny">Deny</button>
<button class="primary" type="submit" name="decision" value="approve">Sign in and approve</button></div>
</form>`,
  );
}

/** The query passed the operation's own checks (it is then the document's query, coerced in place). */
function isAuthorizeQuery(
  ctx: BaseCtx,
  query: Record<string, unknown>,
  errors: { message: string }[],
): query is AuthzParams & Record<string, unknown> {
  errors.push(...ctx.op.validateQuery(query));
  return errors.length === 0;
}

const authorize: Handler<"authorize"> = (ctx) => {
  const p = { ...ctx.query };
  const errors: { message: string }[] = [];
  if (!isAuthorizeQuery(ctx, p, errors)) return invalidRequest(errors);
  try {
    const partner = checkClient(ctx, p);
    return html(200, form(ctx, p, partner));
  } catch (e) {
    return errorPage(400, errorText(e));
  }
};

const approveAuthorization: Handler<"approveAuthorization"> = (ctx) => {
  const body = ctx.body ?? {};
  const errors: FieldError[] = [];
  if (!isSchema(ctx.sim, "AuthorizeDecision", body, errors)) return invalidRequest(errors);
  let partner: Partner;
  try {
    partner = checkClient(ctx, body);
  } catch (e) {
    return errorPage(400, errorText(e));
  }
  const redirect = new URL(body.redirect_uri);
  if (body.state !== undefined) redirect.searchParams.set("state", body.state);
  if (body.decision === "deny") {
    redirect.searchParams.set("error", "access_denied");
    return { status: 302, headers: { location: redirect.toString() } };
  }
  const user = ctx.sim.store.users.get((body.email ?? "").trim().toLowerCase());
  if (!user || !body.password || !safeEqual(user.password, body.password)) {
    return html(401, form(ctx, body, partner, "Wrong email or password.", body.email));
  }
  if (user.role !== "admin") {
    return html(401, form(ctx, body, partner, "Only a dealer admin can approve a connection.", body.email));
  }
  const code = randomBytes(24).toString("base64url");
  ctx.sim.store.codes.set(code, {
    code,
    partner_id: partner.id,
    redirect_uri: body.redirect_uri,
    code_challenge: body.code_challenge,
    dealer_id: user.dealer_id,
    user_email: user.email,
    expires_at: Date.now() + ctx.sim.config.authCodeTtlS * 1000,
  });
  redirect.searchParams.set("code", code);
  return { status: 302, headers: { location: redirect.toString() } };
};

export const oauthHandlers = defineHandlers({
  issueToken,
  authorize,
  approveAuthorization,
});
