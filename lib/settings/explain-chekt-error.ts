// The same buckets as the connection check, for a ChektError thrown by the shared client (the
// CHeKT Apps device list goes through that client, not the raw probes).
import type { ChektError } from "@/lib/chekt/errors";
import { scopeInMessage, type Diagnosis } from "./diagnose";

export function explainChektError(e: ChektError, baseUrl: string, label: string, scope?: string): Diagnosis {
  const base = { status: e.status ?? undefined, code: e.code, serverMessage: e.message, traceId: e.traceId, ms: 0 };
  switch (e.kind) {
    case "unauthorized":
      return {
        ok: false,
        bucket: "invalid_api_key",
        title: "API key not accepted (invalid_api_key)",
        detail:
          "CHeKT does not accept this dealer's API key: mistyped, revoked, or rotated more than 24 hours " +
          "ago. Save the current key on the Settings page.",
        ...base,
      };
    case "forbidden": {
      const s = scopeInMessage(e.message) ?? scope;
      return {
        ok: false,
        bucket: "permission_denied",
        title: `Missing scope${s ? ` ${s}` : ""} (permission_denied)`,
        detail:
          `The CHeKT App lacks ${s ?? "the scope this needs"}. Grant it under Settings → CHeKT Apps → [your ` +
          "app] → Permissions in the dealer portal.",
        ...base,
      };
    }
    case "not_found":
      return {
        ok: false,
        bucket: "wrong_base_url",
        title: "Wrong base URL",
        detail: `${label} answered ${e.status}. CHEKT_API_BASE_URL is ${baseUrl}; it must be the host only (https://api.chekt.com), without /v1.`,
        ...base,
      };
    case "rate_limited":
      return {
        ok: false,
        bucket: "rate_limited",
        title: "Rate limited",
        detail:
          "The key's rate limit is used up (free tier: 60 a minute)." +
          (e.retryAfterS !== undefined ? ` Try again in ${e.retryAfterS} s.` : ""),
        retryAfterS: e.retryAfterS,
        ...base,
      };
    case "network":
    case "timeout":
    case "config":
      return {
        ok: false,
        bucket: "network",
        title: e.kind === "timeout" ? "No answer in time" : "Cannot reach CHeKT",
        detail:
          `${label} failed before CHeKT answered (${e.message}). Check ` +
          `that ${baseUrl} is reachable from this server.`,
        ...base,
      };
    case "server":
      return {
        ok: false,
        bucket: "server_error",
        title: "CHeKT had a problem",
        detail:
          `CHeKT answered ${e.status ?? "with an error"}; try again in a minute and quote the trace ID to ` +
          "CHeKT support if it persists.",
        ...base,
      };
    default:
      return {
        ok: false,
        bucket: "unexpected",
        title: `CHeKT refused the request (${e.code})`,
        detail: e.message,
        ...base,
      };
  }
}
