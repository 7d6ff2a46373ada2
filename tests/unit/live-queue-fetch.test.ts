// fetchQueue (components/verifications/queue/fetch-queue.ts): the queue's list answer, the error the queue
// shows (components/verifications/queue/queue-body.tsx) when it is refused or unreadable, and how soon it asks
// again (nextListRead in components/verifications/queue/use-live-queue.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchQueue, QueueRefused } from "@/components/verifications/queue/fetch-queue";
import { nextListRead } from "@/components/verifications/queue/use-live-queue";
import { QUEUE_NOW as T, queueItem } from "../support/queue-item";

/** The dealer the page was drawn for: every call names it. */
const DEALER = { id: "link_a", name: "Acme Security" };
/** LIVE_HEARTBEAT_SECONDS as the page passes it (2 s on the e2e stack, 15 s by default). */
const HEARTBEAT = 2000;

const answer = (body: string, status = 200) => vi.stubGlobal("fetch", async () => new Response(body, { status }));

/** The refusal fetchQueue throws for the answer stubbed last. */
async function refusal(): Promise<QueueRefused> {
  const thrown = await fetchQueue(DEALER).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(thrown instanceof QueueRefused)) throw new Error(`not a refusal: ${String(thrown)}`);
  return thrown;
}

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
    // Signed out: asked again within the stream's heartbeat (no audit row), so back soon once signed in again.
    const refused = await refusal();
    expect(refused.lost).toBe(false);
    expect(nextListRead(refused, HEARTBEAT)).toBe(HEARTBEAT);
  });

  it("asks the list again every minute, signed out within the heartbeat, a lost dealer only when told", async () => {
    expect(nextListRead(null, HEARTBEAT)).toBe(60_000);
    expect(nextListRead(new Error("HTTP 502"), HEARTBEAT)).toBe(60_000);
    answer(JSON.stringify({ error: { code: "dealer_switched", message: "This page is for Acme…" } }), 409);
    expect(nextListRead(await refusal(), HEARTBEAT)).toBe(60_000);
    answer(JSON.stringify({ error: { code: "not_found", message: "No such dealer." } }), 404);
    expect(nextListRead(await refusal(), HEARTBEAT)).toBe(false);
  });

  it("a switch to another dealer in another tab is refused in the server's words, which name both", async () => {
    const switched =
      "This page is for Acme Security; you switched to Beta Alarms in another tab. Reload to work on Beta.";
    answer(JSON.stringify({ error: { code: "dealer_switched", message: switched } }), 409);
    const refused = await refusal();
    expect(refused.message).toBe(switched);
    // Not lost: the queue asks again by itself (its minutely read, the tab's focus, a switch back).
    expect(refused.lost).toBe(false);
  });

  // The page was drawn for a dealer: "no dealer" and "no such dealer" mean this user lost it, not that none was
  // ever connected as the server's own words would say; and every such refused ask is audited, so it is lost.
  it.each([
    { what: "taken off their only dealer", status: 409, code: "no_dealer", message: "No dealer connected — …" },
    { what: "taken off the page's dealer, still at another", status: 404, code: "not_found", message: "No such" },
  ])("a member $what is told they no longer have access to it, by name", async ({ status, code, message }) => {
    answer(JSON.stringify({ error: { code, message } }), status);
    const refused = await refusal();
    expect(refused.message).toBe(
      "You no longer have access to Acme Security. Reload the page to see what you can work on.",
    );
    expect(refused.lost).toBe(true);
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
