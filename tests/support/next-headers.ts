// `next/headers` outside a Next request, for tests that call server actions and route helpers directly:
//   vi.mock("next/headers", () => import("../support/next-headers"));
// The test reads and sets the same cookie jar and request headers the code under test sees.
// Reset them in beforeEach when a test file must not carry cookies from one `it` to the next.

/** The request's cookies, by name. */
export const cookieJar = new Map<string, string>();
/** The request's headers; replace `current` to change what `headers()` answers. */
export const requestHeaders = { current: new Headers() };

type CookieInput = string | { name: string; value: string };

const cookieStore = {
  get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
  getAll: () => [...cookieJar].map(([name, value]) => ({ name, value })),
  has: (name: string) => cookieJar.has(name),
  set: (name: CookieInput, value?: string) => {
    if (typeof name === "string") cookieJar.set(name, value ?? "");
    else cookieJar.set(name.name, name.value);
  },
  delete: (name: string) => {
    cookieJar.delete(name);
  },
};

export async function cookies() {
  return cookieStore;
}

export async function headers() {
  return requestHeaders.current;
}

/** Empty jar, no headers (or the given ones). */
export function resetNextHeaders(init?: HeadersInit) {
  cookieJar.clear();
  requestHeaders.current = new Headers(init);
}
