// Where to go after sign-in. Only same-origin relative paths are accepted, so a crafted link
// (?callbackUrl=https://evil.example or //evil.example) can never send a user off the site.

const BASE = "http://app.invalid";

/** Returns a safe relative path (path + query + hash), or `fallback`. */
export function safeCallbackPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  // Must be a path: "/x". Not "//host", not "/\host" (browsers treat "\" like "/"), no control characters.
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // Never loop back to the sign-in page or into the auth API.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/api/auth")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
