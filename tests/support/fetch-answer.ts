// The browser's fetch stood in for unit tests of the client fetchers (components/): every call answers
// `body` with `status`. The stub is taken away again when the test that set it ends.
import { expect, it, onTestFinished, vi } from "vitest";

/** Stubs the global fetch for the running test; the returned list fills with the URLs asked for, in order. */
export function answerFetch(body: string, status = 200): string[] {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    urls.push(url);
    return new Response(body, { status });
  });
  onTestFinished(() => void vi.unstubAllGlobals());
  return urls;
}

/** An answer a route reader cannot use, and what is wrong with it (for the test's name). */
export type UnreadableAnswer = { what: string; body: string };

/** What a route reader throws: `failed` (and the status) for a refusal without a message, `unread` for a bad answer. */
export type ReaderWords = { failed: string; unread: string };

/**
 * The tests of how a route reader (components/devices/fetch-job.ts and the like, over lib/json-as.ts) fails, for the
 * page to show: a refusal throws the route's own message, or `words.failed` with the HTTP status when it carries
 * none; an answer that is a list, not JSON or one of `unreadable` throws `words.unread`.
 */
export function itFailsAsARouteReader(
  read: () => Promise<unknown>,
  words: ReaderWords,
  unreadable: UnreadableAnswer[],
) {
  it("throws the route's own message when it refuses", async () => {
    answerFetch(JSON.stringify({ error: { code: "not_found", message: "No such thing here." } }), 404);
    await expect(read()).rejects.toThrow(new Error("No such thing here."));
  });

  it("throws the HTTP status when a refusal carries no message", async () => {
    answerFetch("<html>Bad gateway</html>", 502);
    await expect(read()).rejects.toThrow(new Error(`${words.failed} (HTTP 502)`));
  });

  it.each([...unreadable, { what: "a list", body: "[]" }, { what: "not JSON", body: "<html>maintenance</html>" }])(
    "throws a clear error for an answer that is $what",
    async ({ body }) => {
      answerFetch(body);
      await expect(read()).rejects.toThrow(new Error(words.unread));
    },
  );
}
