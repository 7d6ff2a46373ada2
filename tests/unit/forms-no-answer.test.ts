// A form whose answer from our server never came (components/forms/action-result.ts): the action
// may have finished, so the form never says nothing was saved, and names where a resend is safe.
import { describe, expect, it } from "vitest";
import { NETWORK_FAILURE, toOutcome } from "@/components/forms/action-result";

describe("no answer from the server", () => {
  it("says the change may or may not have been saved, not that nothing was", () => {
    const o = toOutcome(undefined);
    expect(o).toEqual({ ok: false, failure: NETWORK_FAILURE, fieldErrors: {} });
    expect(NETWORK_FAILURE.message).toMatch(/may or may not have been saved/);
    expect(NETWORK_FAILURE.message).not.toMatch(/nothing was saved/i);
  });

  it("says to check first, and that a new item with an external ID is safe to send again", () => {
    expect(NETWORK_FAILURE.message).toMatch(/Refresh to check/);
    expect(NETWORK_FAILURE.message).toMatch(/external ID is safe to send again/);
    expect(NETWORK_FAILURE.message.length).toBeLessThanOrEqual(200);
  });
});
