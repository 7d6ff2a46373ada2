// One bound for a verification id (lib/verifications/schemas.ts verificationIdSchema), read by the
// webhook (lib/webhooks/events.ts, zod and the fast path alike) as the desk reads it when an operator
// claims, answers or notes one: a verification the receiver stores can always be claimed and answered.
// And the desk's CHeKT ids (contactId, siteId) are read as every form reads one (chektId).
import { describe, expect, it } from "vitest";
import { answerSchema, directionsSchema, VERIFICATION_ID_MAX, verificationIdSchema } from "@/lib/verifications/schemas";
import { parseAlarmPathFast, parseEvent, parseEventWithZod } from "@/lib/webhooks/events";

const requested = (verification_id: unknown) => ({
  id: "evt_1",
  type: "verification.requested",
  created_at: "2026-11-24T12:00:00Z",
  data: { verification_id, site_id: 9, occurred_at: "2026-11-24T12:00:00Z", expires_at: "2026-11-24T12:10:00Z" },
});

describe("a verification id: one bound for the webhook and the desk", () => {
  it.each([
    ["a uuid (the contract's shape)", "6f1c3a1e-8d2b-4c1e-9a7f-1b2c3d4e5f60"],
    ["the longest the desk takes", "v".repeat(VERIFICATION_ID_MAX)],
    ["padded", "  v-1  "],
  ])("%s: stored as the desk reads it", (_, id) => {
    const desk = verificationIdSchema.parse(id);
    for (const parse of [parseEvent, parseEventWithZod]) {
      const r = parse(requested(id));
      expect(r.ok && r.event.type === "verification.requested" && r.event.data.verification_id).toBe(desk);
    }
  });

  it.each([
    ["longer than the desk takes", "v".repeat(VERIFICATION_ID_MAX + 1)],
    ["blank", "   "],
    ["empty", ""],
    ["a number", 42],
  ])("%s: a malformed event, refused by the desk too", (_, id) => {
    expect(verificationIdSchema.safeParse(id).success).toBe(false);
    expect(parseAlarmPathFast(requested(id))).toBeNull();
    const r = parseEvent(requested(id));
    expect(r).toMatchObject({ ok: false, kind: "invalid" });
    if (!r.ok && r.kind === "invalid") expect(r.message).toContain("verification_id");
  });
});

describe("the desk's CHeKT ids read as chektId reads them", () => {
  const answer = (contactId: unknown) => ({
    id: "v-1",
    action: "dispatch",
    contactId,
    outcomeId: "6f1c3a1e-8d2b-4c1e-9a7f-1b2c3d4e5f60",
  });
  const directions = (siteId: unknown) => ({ siteId, text: "" });

  it.each(["1e3", "0x10", "12abc", "1.0", "", "0", "-3", "2147483648"])("%s is refused", (v) => {
    expect(answerSchema.safeParse(answer(v)).success).toBe(false);
    expect(directionsSchema.safeParse(directions(v)).success).toBe(false);
  });

  it.each([
    [" 42 ", 42],
    ["2147483647", 2_147_483_647],
    [7, 7],
  ])("%s is %s", (v, n) => {
    expect(answerSchema.parse(answer(v)).contactId).toBe(n);
    expect(directionsSchema.parse(directions(v)).siteId).toBe(n);
  });
});
