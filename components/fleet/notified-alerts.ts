// Which open alerts this browser has shown a desktop notification for (components/fleet/alert-notifier.tsx).
import { z } from "zod";
import { jsonAs } from "@/lib/json-as";

const SEEN_KEY = "fleet-alerts-notified";
const alertIds = z.array(z.string());

/**
 * The ids notified before; none when nothing is stored or the stored value is not a list of ids
 * (another version's, or edited by hand): each open alert is then shown once more, not a crash.
 */
export function readNotified(storage: Pick<Storage, "getItem">): Set<string> {
  return new Set(jsonAs(storage.getItem(SEEN_KEY), alertIds) ?? []);
}

/** Keeps the ids of `open` that were notified: only ids still open are worth remembering. */
export function writeNotified(storage: Pick<Storage, "setItem">, open: { id: string }[], notified: Set<string>) {
  storage.setItem(SEEN_KEY, JSON.stringify(open.map((a) => a.id).filter((id) => notified.has(id))));
}
