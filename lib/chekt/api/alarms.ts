import "server-only";
import type { components } from "@/lib/chekt/schema";
import { chektApp, type CallOpts } from "./call";

/**
 * One alarm as CHeKT has it now, through the dealer's CHeKT App key (events:read). The alarm desk
 * reads its status to learn whether an answer it could not confirm reached CHeKT (CHeKT moves the
 * alarm to dispatched or resolved when a verification is answered). Spends the "answer" class by
 * default: it decides what an operator does next with a live alarm.
 */
export async function getAlarm(apiKey: string, id: string, opts: CallOpts & { deadlineMs?: number } = {}): Promise<components["schemas"]["V1Alarm"]> {
  const { deadlineMs, ...rest } = opts;
  const { data } = await chektApp(apiKey).request("get", "/v1/alarms/{id}", { params: { path: { id } } }, { budgetClass: "answer", deadlineMs, ...rest });
  return data;
}
