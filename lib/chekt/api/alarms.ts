import "server-only";
import type { components } from "@/lib/chekt/schema";
import { callData, chektApp, type CallOpts } from "./call";

type V1 = components["schemas"];
/** A desk write's options: the stored Idempotency-Key, so a retry never writes twice. */
type DeskWriteOpts = CallOpts & { idempotencyKey: string; deadlineMs?: number };

/**
 * One alarm as CHeKT has it now, through the dealer's CHeKT App key (events:read). The alarm desk
 * reads its status to learn whether an answer it could not confirm reached CHeKT (CHeKT moves the
 * alarm to dispatched or resolved when a verification is answered). Spends the "answer" class by
 * default: it decides what an operator does next with a live alarm.
 */
export function getAlarm(
  apiKey: string,
  id: string,
  opts: CallOpts & { deadlineMs?: number } = {},
): Promise<V1["V1Alarm"]> {
  const { deadlineMs, ...rest } = opts;
  const init = { params: { path: { id } } };
  return callData(chektApp(apiKey), "get", "/v1/alarms/{id}", init, { budgetClass: "answer", deadlineMs, ...rest });
}

export type AlarmAnnotationInput = V1["V1AnnotateAlarmDto"];

/**
 * Records the desk's outcome on the alarm (events:write): outcome code, checked steps and note.
 * Spends the "write" class, not "answer": it follows an answer CHeKT already accepted, so it must
 * never take a token an unanswered alarm needs, but it is an operator's own action and goes
 * before snapshots, reads, bulk jobs and sweeps. The caller passes a stored Idempotency-Key so a
 * retry never annotates twice.
 */
export function annotateAlarm(apiKey: string, id: string, body: AlarmAnnotationInput, opts: DeskWriteOpts) {
  const init = { params: { path: { id } }, body };
  return callData(chektApp(apiKey), "post", "/v1/alarms/{id}/annotate", init, { budgetClass: "write", ...opts });
}
