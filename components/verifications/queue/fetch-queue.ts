import { bodyAs, failureMessage } from "@/lib/json-as";
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
