// queueChange (lib/live/sse.ts): the stream's upsert/remove rule, and what a notice naming a state
// the type does not know does (removed from the queue, state null, logged).
import { describe, expect, it, vi } from "vitest";
import { queueChange } from "@/lib/live/sse";
import { applyRemove, applyUpsert, EMPTY_QUEUE } from "@/lib/verifications/merge";
import { VERIFICATION_STATES } from "@/lib/verifications/types";
import { VerificationState } from "@/lib/generated/prisma/enums";
import { QUEUE_NOW, queueItem as item } from "../support/queue-item";

const T = QUEUE_NOW;
const notice = (state: string) => ({ id: "v1", dealer: "d1", state, at: T });

it("knows the states the database's enum has, no more, no fewer", () => {
  expect([...VERIFICATION_STATES].sort()).toEqual(Object.values(VerificationState).sort());
});

describe("queueChange", () => {
  it("sends an open item as an upsert", () => {
    const log = vi.fn();
    expect(queueChange(notice("pending"), item("v1", T), T, log)).toMatchObject({ type: "upsert" });
    expect(log).not.toHaveBeenCalled();
  });

  it("removes an item it cannot read with the known state the notice named", () => {
    const log = vi.fn();
    const change = queueChange(notice("cancelled"), null, T, log);
    expect(change).toEqual({ type: "remove", id: "v1", state: "cancelled", receivedAt: T, version: T });
    expect(log).not.toHaveBeenCalled();
  });

  it("removes an item it cannot read whose notice names an unknown state, with state null, and logs it", () => {
    const log = vi.fn();
    const change = queueChange(notice("archived"), null, T, log);
    expect(change).toEqual({ type: "remove", id: "v1", state: null, receivedAt: T, version: T });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('unknown state "archived"'));
    // The page still drops the row it held.
    const held = applyUpsert(EMPTY_QUEUE, item("v1", T - 1_000));
    expect(change.type === "remove" && applyRemove(held, change.id, change.version).items).toEqual([]);
  });

  it("takes a readable item's own state over the notice's", () => {
    const log = vi.fn();
    const gone = item("v1", T, { state: "dispatched" });
    expect(queueChange(notice("archived"), gone, T, log)).toMatchObject({ type: "remove", state: "dispatched" });
    expect(log).not.toHaveBeenCalled();
  });
});
