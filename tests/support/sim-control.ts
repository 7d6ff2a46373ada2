// The one client for the CHeKT simulator's control API (`/_sim/…`), for vitest files and the Playwright
// specs alike. It imports nothing of the simulator itself: Playwright loads this file, and the e2e
// stage's simulator runs in its own process (scripts/test.ts starts it).

/**
 * A call to the simulator's control API; a non-2xx answer fails the test with its body. `token` is the
 * bearer token a simulator started with CHEKT_SIM_ADMIN_TOKEN asks for on every control route.
 */
export async function simControl<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T | undefined> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) };
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as T) : undefined;
}
