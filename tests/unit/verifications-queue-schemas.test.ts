// lib/verifications/queue-schemas.ts: the page's check of what the list route and the stream send
// (lib/verifications/types.ts names the schemas' types, so the two cannot differ).
import { describe, expect, it } from "vitest";
import { liveMessageSchema, queueItemSchema } from "@/lib/verifications/queue-schemas";
import type { LiveMessage } from "@/lib/verifications/types";
import { QUEUE_NOW as T, queueItem } from "../support/queue-item";

describe("queue schemas", () => {
  it("read an item as the server writes it, through JSON", () => {
    const item = queueItem("v1", T, {
      snapshots: [{ id: "s1", capturedAt: null }],
      claimedByName: "Dana",
      state: "claimed",
      answerStored: "dispatch",
    });
    expect(queueItemSchema.parse(JSON.parse(JSON.stringify(item)))).toEqual(item);
  });

  it("read each kind of stream message", () => {
    const messages: LiveMessage[] = [
      { type: "snapshot", items: [queueItem("v1", T)], serverTime: new Date(T).toISOString(), asOf: T },
      { type: "upsert", item: queueItem("v2", T), receivedAt: T },
      { type: "remove", id: "v3", state: null, receivedAt: T, version: T },
    ];
    for (const msg of messages) expect(liveMessageSchema.parse(msg)).toEqual(msg);
  });

  it.each([
    { what: "an item without its version", value: { ...queueItem("v1", T), version: undefined } },
    { what: "an item in a state the type does not know", value: { ...queueItem("v1", T), state: "archived" } },
    { what: "a stored answer of another kind", value: { ...queueItem("v1", T), answerStored: "call" } },
  ])("refuse $what", ({ value }) => {
    expect(queueItemSchema.safeParse(value).success).toBe(false);
  });

  it("refuse a message of an unknown type, or a known type without its fields", () => {
    expect(liveMessageSchema.safeParse({ type: "ping" }).success).toBe(false);
    expect(liveMessageSchema.safeParse({ type: "snapshot", serverTime: "x", asOf: T }).success).toBe(false);
    expect(liveMessageSchema.safeParse({ type: "remove", id: "v1", receivedAt: T, version: T }).success).toBe(false);
  });
});
