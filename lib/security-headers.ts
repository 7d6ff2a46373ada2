// Response headers that keep the console out of frames, stop MIME sniffing and keep URLs (which
// carry site and alarm ids) from leaking to other origins. No "server-only": next.config.ts and
// proxy.ts (which may run on the edge) both load it.

/** Sent with every response, static files included (next.config.ts headers()). */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Older browsers that do not read CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** One year, subdomains included; sent only on a request that came over https (see hstsFor). */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/** Where browsers post violation reports (public: isPublicPath in lib/auth/config.ts). */
export const CSP_REPORT_PATH = "/api/csp-report";

/** A fresh 128-bit nonce per request, base64 (Web Crypto: works in the proxy's runtime too). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * The page CSP. Scripts run only with this request's nonce ('strict-dynamic' lets Next's own
 * chunks, loaded by a nonced script, load theirs). Styles allow inline: React style attributes and
 * the toast library inject them, and style injection is not script execution.
 * `dev` adds what `next dev` needs (eval for React's debugging, the HMR websocket).
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    // Every violation is logged by the server (app/api/csp-report, lib/csp-report.ts).
    `report-uri ${CSP_REPORT_PATH}`,
  ];
  if (opts.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** HSTS only over https: the request's protocol as the proxy saw it. */
export function servedOverHttps(url: URL, headers: Headers): boolean {
  if (url.protocol === "https:") return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
