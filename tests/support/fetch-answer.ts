// The browser's fetch stood in for unit tests of the client fetchers (components/): every call answers
// `body` with `status`. Restore it with vi.unstubAllGlobals() after each test.
import { vi } from "vitest";

/** Stubs the global fetch; the returned list fills with the URLs asked for, in order. */
export function answerFetch(body: string, status = 200): string[] {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    urls.push(url);
    return new Response(body, { status });
  });
  return urls;
}
