import "server-only";
import type { components } from "@/lib/chekt/schema";
import { callData, chektApp, type CallOpts } from "./call";

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
): Promise<components["schemas"]["V1Alarm"]> {
  const { deadlineMs, ...rest } = opts;
  return callData(
    chektApp(apiKey),
    "get",
    "/v1/alarms/{id}",
    { params: { path: { id } } },
    { budgetClass: "answer", deadlineMs, ...rest },
  );
}

export type AlarmAnnotationInput = components["schemas"]["V1AnnotateAlarmDto"];

/**
 * Records the desk's outcome on the alarm (events:write): outcome code, checked steps and note.
 * Spends the "write" class, not "answer": it follows an answer CHeKT already accepted, so it must
 * never take a token an unanswered alarm needs, but it is an operator's own action and goes
 * before snapshots, reads, bulk jobs and sweeps. The caller passes a stored Idempotency-Key so a
 * retry never annotates twice.
 */
export function annotateAlarm(
  apiKey: string,
  id: string,
  body: AlarmAnnotationInput,
  opts: CallOpts & { idempotencyKey: string; deadlineMs?: number },
): Promise<components["schemas"]["V1AlarmAnnotation"]> {
  return callData(
    chektApp(apiKey),
    "post",
    "/v1/alarms/{id}/annotate",
    { params: { path: { id } }, body },
    { budgetClass: "write", ...opts },
  );
}

/**
 * Tells CHeKT an alarm was escalated on the desk (events:write). Spends the "answer" class: an
 * escalation is about a live alarm whose time is running out, the same urgency as its answer.
 */
export function escalateAlarm(
  apiKey: string,
  id: string,
  body: components["schemas"]["V1EscalateAlarmDto"],
  opts: CallOpts & { idempotencyKey: string; deadlineMs?: number },
): Promise<components["schemas"]["V1AlarmEscalation"]> {
  return callData(
    chektApp(apiKey),
    "post",
    "/v1/alarms/{id}/escalate",
    { params: { path: { id } }, body },
    { budgetClass: "answer", ...opts },
  );
}
