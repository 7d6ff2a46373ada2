// Why the live queue stopped, as the queue says it (components/verifications/queue/fetch-queue.ts): the list
// route's refusal in its own words, except "no dealer", which for a page drawn for a dealer means the user
// lost that dealer (taken off it while the queue was open), not that none was ever connected.
import { afterEach, describe, expect, it, vi } from "vitest";
import { queueRefusal } from "@/components/verifications/queue/fetch-queue";

const refuse = (status: number, code: string, message: string) =>
  vi.stubGlobal("fetch", async () => Response.json({ error: { code, message } }, { status }));

afterEach(() => vi.unstubAllGlobals());

describe("queueRefusal", () => {
  it("a member taken off their only dealer is told they no longer have access to it, by name", async () => {
    refuse(409, "no_dealer", "No dealer connected — an admin can connect one on the Dealer page.");
    const why = await queueRefusal("Acme Security");
    expect(why).toBe("You no longer have access to Acme Security. Reload the page to see what you can work on.");
    expect(why).not.toMatch(/No dealer connected/);
  });

  it("another refusal keeps the server's words; an answer is no refusal", async () => {
    refuse(401, "unauthenticated", "Sign in first.");
    expect(await queueRefusal("Acme Security")).toBe("Sign in first.");
    vi.stubGlobal("fetch", async () => Response.json({ items: [] }));
    expect(await queueRefusal("Acme Security")).toBeNull();
  });
});
