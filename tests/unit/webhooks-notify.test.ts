// The verifications channel carries one verification per notify (claims, expiry, answers) or a
// batch listing several of one dealer (the webhook ingest); listeners read both, and a foreign
// payload on the channel is ignored, never fatal.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseVerificationMessages } from "@/lib/webhooks/notify";

describe("parseVerificationMessages", () => {
  it("reads a single verification", () => {
    expect(parseVerificationMessages(JSON.stringify({ id: "v1", dealer: "dl_a", state: "claimed", at: 1000 }))).toEqual(
      [{ id: "v1", dealer: "dl_a", state: "claimed", at: 1000 }],
    );
  });

  it("reads a batch as one message per listed verification, all of the batch's dealer", () => {
    const payload = JSON.stringify({
      dealer: "dl_a",
      at: 2000,
      items: [
        { id: "v1", state: "pending" },
        { id: "v2", state: "cancelled" },
      ],
    });
    expect(parseVerificationMessages(payload)).toEqual([
      { id: "v1", dealer: "dl_a", state: "pending", at: 2000 },
      { id: "v2", dealer: "dl_a", state: "cancelled", at: 2000 },
    ]);
  });

  it("skips malformed entries of a batch and ignores foreign or broken payloads", () => {
    const payload = JSON.stringify({
      dealer: "dl_a",
      at: 1,
      items: [{ id: "v1" }, null, 7, { id: "v2", state: "pending", dealer: "dl_b" }],
    });
    expect(parseVerificationMessages(payload)).toEqual([{ id: "v2", dealer: "dl_a", state: "pending", at: 1 }]);
    expect(parseVerificationMessages("not json")).toEqual([]);
    expect(parseVerificationMessages(undefined)).toEqual([]);
    expect(parseVerificationMessages(JSON.stringify({ id: "v1", state: "pending" }))).toEqual([]);
    expect(parseVerificationMessages(JSON.stringify({ dealer: "dl_a", items: "v1" }))).toEqual([]);
  });

  describe("frames that are not objects or carry a wrong field", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("reads nothing from JSON that is not an object or has no dealer text", () => {
      for (const payload of [
        "null",
        "7",
        '"dl_a"',
        "[]",
        JSON.stringify([{ id: "v1", dealer: "dl_a", state: "pending" }]),
      ]) {
        expect(parseVerificationMessages(payload)).toEqual([]);
      }
      expect(parseVerificationMessages(JSON.stringify({ id: "v1", dealer: 5, state: "pending" }))).toEqual([]);
      expect(parseVerificationMessages(JSON.stringify({ id: 1, dealer: "dl_a", state: "pending" }))).toEqual([]);
    });

    it("stamps a message whose `at` is not a number with the time it was read", () => {
      vi.useFakeTimers({ now: 5_000 });
      expect(
        parseVerificationMessages(JSON.stringify({ id: "v1", dealer: "dl_a", state: "claimed", at: "soon" })),
      ).toEqual([{ id: "v1", dealer: "dl_a", state: "claimed", at: 5_000 }]);
      const batch = JSON.stringify({ dealer: "dl_a", items: [{ id: "v2", state: "pending" }] });
      expect(parseVerificationMessages(batch)).toEqual([{ id: "v2", dealer: "dl_a", state: "pending", at: 5_000 }]);
    });
  });
});
