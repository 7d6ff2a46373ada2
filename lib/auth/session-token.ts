// The claims of the session cookie (uid, sid, sv), decoded once per cookie value and kept briefly.
// Every page view and action needs them; next-auth's auth() gets them by running its whole session
// endpoint in-process (a Request, the JWT decrypt, both callbacks and a re-encrypt for a cookie a
// server component cannot even set). The claims only NAME a session: lib/auth/session.ts still
// checks that record, its user and session version in Postgres on every request, so a cached
// decode never keeps an ended session alive. The proxy (proxy.ts) reads the claims the same way to
// send a request without them to sign-in.
import { createHash } from "node:crypto";
import { decode, type JWT } from "next-auth/jwt";
import type { SessionClaims } from "./sessions";

/** A decoded cookie is trusted this long (and never past the token's own exp). */
export const CLAIMS_TTL_MS = 60_000;
/** Distinct cookies kept; the oldest goes first. Far more than the signed-in browsers of one instance. */
export const CLAIMS_MAX_ENTRIES = 5_000;

type Entry = { claims: SessionClaims; until: number };
const decoded = new Map<string, Entry>();

/** The cookie next-auth issues: `__Secure-` over https (its defaultCookies), plain otherwise. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

/**
 * Whether next-auth uses the secure cookie name for this request: the protocol of AUTH_URL when
 * set, else the forwarded protocol (https when none is said), as its auth() decides.
 */
export function usesSecureCookie(h: Pick<Headers, "get">, env: Record<string, string | undefined>): boolean {
  const envUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (envUrl) {
    try {
      return new URL(envUrl).protocol === "https:";
    } catch {
      /* a malformed URL: decide from the request below */
    }
  }
  return (h.get("x-forwarded-proto") ?? "https").replace(/:$/, "") === "https";
}

/** The token under `name`, or its chunks `name.0`, `name.1`, … joined (next-auth splits big cookies). */
export function sessionTokenFrom(all: Array<{ name: string; value: string }>, name: string): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value || null;
  const chunks = all
    .map((c) => ({ i: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : NaN, value: c.value }))
    .filter((c) => Number.isInteger(c.i) && c.i >= 0)
    .sort((a, b) => a.i - b.i);
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

/**
 * The claims of one session token, or null when it does not decrypt with `secret` (forged, another
 * install's, expired). Decrypts once per distinct token within CLAIMS_TTL_MS.
 */
export async function sessionClaims(
  token: string,
  secret: string,
  salt: string,
  now = Date.now(),
): Promise<SessionClaims | null> {
  const key = createHash("sha256").update(salt).update("\0").update(token).digest("base64url");
  const hit = decoded.get(key);
  if (hit && hit.until > now) return hit.claims;
  if (hit) decoded.delete(key);
  let payload: JWT | null = null;
  try {
    payload = await decode({ token, secret, salt });
  } catch {
    return null; // not ours or tampered with; not kept, so garbage cannot push good entries out
  }
  if (!payload) return null;
  const claims: SessionClaims = {
    uid: typeof payload.uid === "string" ? payload.uid : undefined,
    sid: typeof payload.sid === "string" ? payload.sid : undefined,
    sv: typeof payload.sv === "number" ? payload.sv : undefined,
  };
  const exp = typeof payload.exp === "number" ? payload.exp * 1000 : now + CLAIMS_TTL_MS;
  decoded.set(key, { claims, until: Math.min(now + CLAIMS_TTL_MS, exp) });
  // A Map iterates in insertion order: the first keys are the oldest.
  for (const k of decoded.keys()) {
    if (decoded.size <= CLAIMS_MAX_ENTRIES) break;
    decoded.delete(k);
  }
  return claims;
}

/** How many decoded cookies are kept (for tests). */
export function cachedClaimsCount(): number {
  return decoded.size;
}
