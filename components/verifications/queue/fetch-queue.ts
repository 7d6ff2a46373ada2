import { bodyAs, failureMessage, failureOf } from "@/lib/json-as";
import { queueListSchema } from "@/lib/verifications/queue-schemas";
import type { QueueList } from "@/lib/verifications/types";
import { atDealer, type DeskDealer } from "./desk-dealer";

const listOf = (dealer: DeskDealer) => atDealer("/api/live/verifications/list", dealer);

/**
 * The server refused this user the queue; the message says why, as the queue shows it (refusalOf). `lost`: the user
 * is no longer a member of the page's dealer, and every refused ask is audited, so the queue stops asking by itself.
 * `signedOut`: the session ended; signed in again (another tab, same cookies), the queue is let in at its next ask.
 */
export class QueueRefused extends Error {
  constructor(
    message: string,
    readonly lost: boolean,
    readonly signedOut = false,
  ) {
    super(message);
  }
}

/** The open queue from the list route; a refusal or an answer of another shape throws, for the queue's error state. */
export async function fetchQueue(dealer: DeskDealer): Promise<QueueList> {
  const res = await fetch(listOf(dealer), { cache: "no-store" });
  if (!res.ok) {
    const refused = await refusalOf(res.clone(), dealer);
    if (refused !== null) throw refused;
    throw new Error(await failureMessage(res, `Could not load the queue (HTTP ${res.status})`));
  }
  const list = await bodyAs(res, queueListSchema);
  if (!list) throw new Error("Could not load the queue: the server's answer was not a queue. Reload the page.");
  return list;
}

/**
 * Why the server refuses this user the queue (signed out, taken off the dealer, switched to another in another
 * tab…), in the queue's words; null when it is no refusal. The page was drawn for `dealer`, so "no dealer" and "no
 * such dealer" mean this user lost it (taken off it, or it was disconnected), not that none was ever connected as
 * the server's own words would say.
 */
async function refusalOf(res: Response, dealer: DeskDealer): Promise<QueueRefused | null> {
  if (![401, 403, 404, 409].includes(res.status)) return null;
  const { code, message } = await failureOf(res, `The server refused the queue (HTTP ${res.status}).`);
  // "no_dealer": the user has no dealer left; "not_found": not this one (lib/auth/require.ts).
  if (code === "no_dealer" || code === "not_found") {
    const lost = `You no longer have access to ${dealer.name}. Reload the page to see what you can work on.`;
    return new QueueRefused(lost, true);
  }
  return new QueueRefused(message, false, code === "unauthenticated");
}
