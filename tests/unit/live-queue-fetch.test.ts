// fetchQueue (components/verifications/queue/fetch-queue.ts): the queue's list answer, and the error
// the queue shows (components/verifications/queue/queue-body.tsx) when it is refused or unreadable.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchQueue, QueueRefused } from "@/components/verifications/queue/fetch-queue";
import { QUEUE_NOW as T, queueItem } from "../support/queue-item";

/** The dealer the page was drawn for: every call names it. */
const DEALER = { id: "link_a", name: "Acme Security" };

const answer = (body: string, status = 200) => vi.stubGlobal("fetch", async () => new Response(body, { status }));

describe("fetchQueue", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads the list route's queue", async () => {
    const list = { items: [queueItem("v1", T)], serverTime: new Date(T).toISOString(), asOf: T };
    answer(JSON.stringify(list));
    expect(await fetchQueue(DEALER)).toEqual(list);
  });

  it("throws the route's own message when it refuses", async () => {
    answer(JSON.stringify({ error: { code: "unauthenticated", message: "Sign in first." } }), 401);
    await expect(fetchQueue(DEALER)).rejects.toThrow(/^Sign in first\.$/);
  });

  it("a refusal is a QueueRefused in the queue's words (it stops the queue): a switch, a lost dealer", async () => {
    const switched =
      "This page is for Acme Security; you switched to Beta Alarms in another tab. Reload to work on Beta.";
    answer(JSON.stringify({ error: { code: "dealer_switched", message: switched } }), 409);
    await expect(fetchQueue(DEALER)).rejects.toEqual(new QueueRefused(switched));
    answer(JSON.stringify({ error: { code: "not_found", message: "No such dealer." } }), 404);
    const lost = fetchQueue(DEALER).catch((e: unknown) => e);
    expect(await lost).toBeInstanceOf(QueueRefused);
    expect(await lost).toHaveProperty(
      "message",
      expect.stringMatching(/^You no longer have access to Acme Security\./),
    );
  });

  it("throws the HTTP status when a refusal carries no message", async () => {
    answer("<html>Bad gateway</html>", 502);
    await expect(fetchQueue(DEALER)).rejects.toThrow("Could not load the queue (HTTP 502)");
  });

  it.each([
    { what: "not JSON", body: "<html>maintenance</html>" },
    { what: "of another shape", body: JSON.stringify({ items: [{ id: "v1" }], serverTime: "", asOf: T }) },
  ])("throws a clear error for an answer that is $what", async ({ body }) => {
    answer(body);
    await expect(fetchQueue(DEALER)).rejects.toThrow("Could not load the queue: the server's answer was not a queue.");
  });
});
