import type { QueueItem } from "@/lib/verifications/types";
import type { Answer } from "./use-queue-work";

/** The user is typing: a key there is text, not a desk command. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));
}

/** What c, d and x ask of an item: claim it, or the outcome picker of a dispatch or a disregard. */
export type DeskKeyAction = "claim" | Answer;

/**
 * The desk's answer keys, the same in the queue and in the opened alarm: d dispatch, x disregard, c
 * claim. In the queue, c on one's own claim opens it again; in the opened alarm, whose Claim button
 * shows only while nobody holds it, c claims only then (taking over stays a button). An item another
 * operator holds is the caller's to refuse, in words (use-queue-work.ts answer()).
 */
export function deskKeyAction(
  key: string,
  item: Pick<QueueItem, "state" | "claimedByMe">,
  where: "queue" | "detail",
): DeskKeyAction | null {
  if (key === "d") return "dispatch";
  if (key === "x") return "disregard";
  if (key !== "c") return null;
  if (where === "detail") return item.state === "pending" ? "claim" : null;
  return item.state === "claimed" && !item.claimedByMe ? null : "claim";
}
