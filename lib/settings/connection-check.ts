// The "Check connection" sequence: partner token → read the chosen dealer → App key probes.
// Takes its configuration as arguments (no env) so tests drive it against the simulator. Every
// probe goes through the gateway (lib/chekt/api/diagnostics.ts) and spends the probed credential's
// shared budget, so a check never overspends what the alarms need.
import { randomUUID } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import { probeChekt, type ProbeAnswer } from "@/lib/chekt/api/diagnostics";
import { waitSeconds } from "@/lib/chekt/errors";
import type { AppScope } from "@/lib/chekt/contract-lists";
import { diagnose, type Bucket, type Diagnosis, type ProbeContext } from "./diagnose";
import { PROBED_SCOPES, SCOPE_PROBES } from "./scopes";
import { errorText } from "@/lib/error-text";

export type ConnectionConfig = {
  baseUrl: string;
  clientId?: string;
  clientSecret?: string;
  privateKey?: string;
  apiKey?: string;
  /** CHeKT's integer dealer id of the chosen dealer link, when one is chosen. */
  chektDealerId?: number;
  timeoutMs?: number;
};

export type Step =
  { name: string; label: string; diagnosis: Diagnosis } | { name: string; label: string; skipped: string };

export type ScopeVerdict = { scope: AppScope; status: "granted" | "missing" | "unknown"; via: string[]; note?: string };

export type ConnectionReport = {
  checkedAt: string;
  baseUrl: string;
  partner: Step[];
  app: Step[];
  scopes: ScopeVerdict[];
  /** The one line the page leads with. */
  summary: { ok: boolean; text: string };
};

const v1List = z.object({ data: z.array(z.unknown()) });
const isV1List = (b: unknown) => v1List.safeParse(b).success;
const tokenBody = z.object({ access_token: z.string() });
const isToken = (b: unknown) => tokenBody.safeParse(b).success;
const isDealer = (b: unknown) => !!b && typeof b === "object" && "dealer_id" in b;
/**
 * The snapshot probe asks for an id that cannot exist: CHeKT's own 404 (`not_found` in its error
 * envelope) means the key got past the scope check, so for this probe it is the good answer.
 */
function snapshotVerdict(d: Diagnosis, label: string): Diagnosis {
  if (d.status === 404 && d.code !== undefined && /not_found$/.test(d.code)) {
    return {
      ...d,
      ok: true,
      bucket: "ok",
      title: "Works",
      detail: `${label} answered 404 ${d.code} for a snapshot id that cannot exist: the key passed the scope check.`,
    };
  }
  return d;
}

/**
 * CHeKT's answer in words, or — when the probe was not sent because the shared budget has no call
 * left for this credential — a rate-limit verdict that says it was our budget, not CHeKT, that held it.
 */
function judge(answer: ProbeAnswer, ctx: ProbeContext): Diagnosis {
  if (answer.kind !== "budget") return diagnose(answer, ctx);
  const s = waitSeconds(answer.waitMs);
  return {
    ok: false,
    bucket: "rate_limited",
    title: "Rate limited",
    detail:
      `${ctx.label} was not sent: this credential's shared CHeKT budget (what CHeKT's last answers said is ` +
      `left, shared by every instance of the console) has no call free for ${s} s. Something is spending the ` +
      `rate limit; try again in ${s} s.`,
    retryAfterS: s,
    ms: answer.ms,
  };
}

async function clientAssertion(clientId: string, privateKeyPem: string, tokenUrl: string): Promise<string> {
  const key = await importPKCS8(privateKeyPem, "RS256");
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key);
}

async function tokenStep(cfg: ConnectionConfig, timeoutMs: number): Promise<{ step: Step; token?: string }> {
  const label = "POST /oauth/token (client credentials)";
  if (!cfg.clientId || (!cfg.clientSecret && !cfg.privateKey)) {
    return {
      step: {
        name: "token",
        label,
        skipped: "CHEKT_CLIENT_ID and CHEKT_CLIENT_SECRET (or CHEKT_PRIVATE_KEY) are not both set.",
      },
    };
  }
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: cfg.clientId });
  if (cfg.clientSecret) form.set("client_secret", cfg.clientSecret);
  else {
    try {
      form.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.set(
        "client_assertion",
        await clientAssertion(cfg.clientId, cfg.privateKey!, `${cfg.baseUrl.replace(/\/+$/, "")}/oauth/token`),
      );
    } catch (error) {
      return {
        step: {
          name: "token",
          label,
          diagnosis: {
            ok: false,
            bucket: "invalid_client",
            title: "Private key unreadable",
            detail: `CHEKT_PRIVATE_KEY is not a PKCS#8 PEM RSA key (${errorText(error)}).`,
            ms: 0,
          },
        },
      };
    }
  }
  const answer = await probeChekt({
    baseUrl: cfg.baseUrl,
    method: "POST",
    path: "/oauth/token",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    timeoutMs,
    credential: partnerCredential(cfg.clientId),
  });
  const diagnosis = judge(answer, { label, surface: "token", baseUrl: cfg.baseUrl, shapeOk: isToken });
  const token =
    diagnosis.ok && answer.kind === "http" ? tokenBody.parse(JSON.parse(answer.bodyText)).access_token : undefined;
  return { step: { name: "token", label, diagnosis }, token };
}

// The partner budget is keyed by client id alone (lib/chekt/budget.ts credentialKey), whichever
// secret or key proves it, so the probe names it the way the app's own client does.
function partnerCredential(clientId: string): { type: "client_secret"; clientId: string; clientSecret: string } {
  return { type: "client_secret", clientId, clientSecret: "" };
}

export async function checkConnection(cfg: ConnectionConfig): Promise<ConnectionReport> {
  const timeoutMs = cfg.timeoutMs ?? 8000;
  const { step, token } = await tokenStep(cfg, timeoutMs);
  const partner = [step, await dealerStep(cfg, token, timeoutMs)];
  const { app, scopes } = await appSteps(cfg, timeoutMs);
  return {
    checkedAt: new Date().toISOString(),
    baseUrl: cfg.baseUrl,
    partner,
    app,
    scopes,
    summary: summarize(partner, app, scopes),
  };
}

/** The connected dealer read with the partner token, when there is a dealer and a token. */
async function dealerStep(cfg: ConnectionConfig, token: string | undefined, timeoutMs: number): Promise<Step> {
  const label = `GET /partner/v1/dealers/${cfg.chektDealerId ?? "{dealerId}"}`;
  if (cfg.chektDealerId === undefined) return { name: "dealer", label, skipped: "No connected dealer is chosen." };
  if (!token || !cfg.clientId) return { name: "dealer", label, skipped: "Needs a token first." };
  const answer = await probeChekt({
    baseUrl: cfg.baseUrl,
    method: "GET",
    path: `/partner/v1/dealers/${cfg.chektDealerId}`,
    headers: { authorization: `Bearer ${token}` },
    timeoutMs,
    credential: partnerCredential(cfg.clientId),
  });
  const diagnosis = judge(answer, { label, surface: "partner", baseUrl: cfg.baseUrl, shapeOk: isDealer });
  return { name: "dealer", label, diagnosis };
}

/**
 * The App key's probes, one a scope, and what they say of each scope. The first probe decides whether
 * the key works at all; the scope probes only run when it does not fail for a reason that would fail
 * them all (bad key, wrong URL, rate limit, network).
 */
async function appSteps(cfg: ConnectionConfig, timeoutMs: number): Promise<{ app: Step[]; scopes: ScopeVerdict[] }> {
  const app: Step[] = [];
  const verdicts = new Map<AppScope, ScopeVerdict>(
    PROBED_SCOPES.map((s) => [s, { scope: s, status: "unknown", via: [] }]),
  );
  if (!cfg.apiKey) {
    const skipped = "No CHeKT App API key is configured for this dealer (set one below or CHEKT_API_KEY).";
    return { app: [{ name: "devices", label: "GET /v1/devices", skipped }], scopes: [...verdicts.values()] };
  }
  for (const [i, p] of SCOPE_PROBES.entries()) {
    const answer = await probeChekt({
      baseUrl: cfg.baseUrl,
      method: p.method,
      path: p.path,
      headers: { authorization: `Bearer ${cfg.apiKey}` },
      timeoutMs,
      credential: { type: "api_key", apiKey: cfg.apiKey },
    });
    const snapshots = p.scope === "snapshots:read";
    const ctx = { label: p.label, surface: "app", scope: p.scope, baseUrl: cfg.baseUrl } as const;
    const raw = judge(answer, { ...ctx, shapeOk: snapshots ? undefined : isV1List });
    const diagnosis = snapshots ? snapshotVerdict(raw, p.label) : raw;
    app.push({ name: p.path, label: p.label, diagnosis });
    recordVerdict(verdicts.get(p.scope)!, p.label, diagnosis);
    if (i === 0 && !diagnosis.ok && FAILS_EVERY_PROBE.includes(diagnosis.bucket)) break;
  }
  return { app, scopes: [...verdicts.values()] };
}

const FAILS_EVERY_PROBE: readonly Bucket[] = ["invalid_api_key", "wrong_base_url", "rate_limited", "network"];

/** A scope is granted by a probe that worked, missing after a permission_denied (which no later probe undoes). */
function recordVerdict(v: ScopeVerdict, label: string, diagnosis: Diagnosis) {
  v.via.push(label);
  if (diagnosis.ok && v.status !== "missing") v.status = "granted";
  else if (diagnosis.bucket === "permission_denied") v.status = "missing";
  else if (!diagnosis.ok) v.note = diagnosis.title;
}

function firstFailure(steps: Step[]): Diagnosis | undefined {
  for (const s of steps) if ("diagnosis" in s && !s.diagnosis.ok) return s.diagnosis;
  return undefined;
}

function summarize(partner: Step[], app: Step[], scopes: ScopeVerdict[]): { ok: boolean; text: string } {
  const appFirst = app[0] && "diagnosis" in app[0] ? app[0].diagnosis : undefined;
  const partnerFail = firstFailure(partner);
  const missing = scopes.filter((s) => s.status === "missing").map((s) => s.scope);
  const unknown = scopes.filter((s) => s.status === "unknown").map((s) => s.scope);
  // A later probe that failed for a reason other than a missing scope (rate limit, CHeKT fault)
  // leaves its scopes unknown: say so rather than call the key fine.
  const otherFail = app
    .slice(1)
    .flatMap((s) =>
      "diagnosis" in s && !s.diagnosis.ok && s.diagnosis.bucket !== "permission_denied" ? [s.diagnosis] : [],
    )[0];
  const parts: string[] = [];
  parts.push(
    partnerFail
      ? `Partner API: ${partnerFail.title}.`
      : partner.every((s) => "diagnosis" in s)
        ? "Partner API: works."
        : "Partner API: not fully checked.",
  );
  if (!appFirst) parts.push("CHeKT App key: not configured.");
  else if (appFirst.bucket === "permission_denied" || appFirst.ok) {
    const found = [
      missing.length ? `missing ${missing.join(", ")}` : "",
      unknown.length ? `${unknown.join(", ")} not checked (${otherFail?.title ?? "no answer"})` : "",
    ].filter(Boolean);
    parts.push(`CHeKT App key: accepted${found.length ? `, ${found.join("; ")}` : ", every probed scope granted"}.`);
  } else parts.push(`CHeKT App key: ${appFirst.title}.`);
  const ok =
    !partnerFail &&
    partner.every((s) => "diagnosis" in s) &&
    !!appFirst &&
    (appFirst.ok || appFirst.bucket === "permission_denied") &&
    missing.length === 0 &&
    unknown.length === 0;
  return { ok, text: parts.join(" ") };
}
