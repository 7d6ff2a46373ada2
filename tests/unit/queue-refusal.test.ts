// Why the live queue stopped, as the queue says it (components/verifications/queue/fetch-queue.ts): the list
// route's refusal in its own words, except "no dealer", which for a page drawn for a dealer means the user
// lost that dealer (taken off it while the queue was open), not that none was ever connected; so does "no such
// dealer", the answer for the page's dealer when the user is no longer a member of it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { queueRefusal } from "@/components/verifications/queue/fetch-queue";

/** The dealer the page was drawn for: every call names it. */
const DEALER = { id: "link_a", name: "Acme Security" };

const asked: string[] = [];
const refuse = (status: number, code: string, message: string) =>
  vi.stubGlobal("fetch", async (url: string) => {
    asked.push(url);
    return Response.json({ error: { code, message } }, { status });
  });

afterEach(() => {
  vi.unstubAllGlobals();
  asked.length = 0;
});

describe("queueRefusal", () => {
  it("a member taken off their only dealer is told they no longer have access to it, by name", async () => {
    refuse(409, "no_dealer", "No dealer connected — an admin can connect one on the Dealer page.");
    const why = await queueRefusal(DEALER);
    expect(why).toBe("You no longer have access to Acme Security. Reload the page to see what you can work on.");
    expect(why).not.toMatch(/No dealer connected/);
  });

  it("taken off the page's dealer, still at another: told they lost the page's dealer, by name", async () => {
    refuse(404, "not_found", "No such dealer.");
    expect(await queueRefusal(DEALER)).toBe(
      "You no longer have access to Acme Security. Reload the page to see what you can work on.",
    );
    expect(asked).toEqual(["/api/live/verifications/list?dealer=link_a"]);
  });

  it("a switch to another dealer in another tab is said in the server's words, which name both", async () => {
    const switched =
      "This page is for Acme Security; you switched to Beta Alarms in another tab. Reload to work on Beta Alarms.";
    refuse(409, "dealer_switched", switched);
    expect(await queueRefusal(DEALER)).toBe(switched);
  });

  it("another refusal keeps the server's words; an answer is no refusal", async () => {
    refuse(401, "unauthenticated", "Sign in first.");
    expect(await queueRefusal(DEALER)).toBe("Sign in first.");
    vi.stubGlobal("fetch", async () => Response.json({ items: [] }));
    expect(await queueRefusal(DEALER)).toBeNull();
  });
});
