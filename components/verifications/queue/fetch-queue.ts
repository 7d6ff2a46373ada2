import { bodyAs, failureMessage, failureOf } from "@/lib/json-as";
import { queueListSchema } from "@/lib/verifications/queue-schemas";
import type { QueueList } from "@/lib/verifications/types";

/** The open queue from the list route; a refusal or an answer of another shape throws, for the queue's error state. */
export async function fetchQueue(): Promise<QueueList> {
  const res = await fetch("/api/live/verifications/list", { cache: "no-store" });
  if (!res.ok) throw new Error(await failureMessage(res, `Could not load the queue (HTTP ${res.status})`));
  const list = await bodyAs(res, queueListSchema);
  if (!list) throw new Error("Could not load the queue: the server's answer was not a queue. Reload the page.");
  return list;
}

/**
 * Why the server refuses this user the queue (signed out, taken off the dealer…), from the list route
 * (the stream's very check); null when it answers, or cannot be reached (not a refusal). The page was
 * drawn for `dealerName`, so "no dealer" now means this user lost it (taken off it, or it was
 * disconnected), not that none was ever connected as the server's own words would say.
 */
export async function queueRefusal(dealerName: string): Promise<string | null> {
  const res = await fetch("/api/live/verifications/list", { cache: "no-store" }).catch(() => null);
  if (!res || ![401, 403, 409].includes(res.status)) return null;
  const { code, message } = await failureOf(res, `The server refused the queue (HTTP ${res.status}).`);
  // "no_dealer" (lib/auth/require.ts): the user has no dealer left.
  return code === "no_dealer"
    ? `You no longer have access to ${dealerName}. Reload the page to see what you can work on.`
    : message;
}
