import "server-only";
import { getAlarm } from "@/lib/chekt/api/alarms";
import { secretsByLinkId } from "@/lib/webhooks/dealer-secrets";
import { errorText } from "@/lib/error-text";
import type { AnswerAction } from "./answer-actions";

// The Partner API has no read of a single verification; the alarm it belongs to tells the story:
// CHeKT moves the alarm to "dispatched" when a verification is dispatched and to "resolved" when
// it is disregarded (the alarm's `status` in lib/chekt/openapi.yaml). The desk reads it before calling an alarm
// expired after a 404, and when an operator asks "was my answer saved?".
export type AlarmVerdict =
  | { kind: "recorded"; alarmStatus: string }
  | { kind: "open"; alarmStatus: string }
  | { kind: "closed_otherwise"; alarmStatus: string }
  | { kind: "unknown"; message: string };

const MATCHES: Record<AnswerAction, string> = { dispatch: "dispatched", disregard: "resolved" };

export async function alarmVerdict(
  dealerLinkId: string,
  alarmId: string | null,
  action: AnswerAction,
  traceId?: string,
): Promise<AlarmVerdict> {
  if (!alarmId) return { kind: "unknown", message: "the verification names no alarm" };
  const secrets = await secretsByLinkId(dealerLinkId);
  if (!secrets?.apiKey) return { kind: "unknown", message: "this dealer has no CHeKT App key to read alarms with" };
  try {
    const alarm = await getAlarm(secrets.apiKey, alarmId, { traceId, deadlineMs: 5_000 });
    if (alarm.status === MATCHES[action]) return { kind: "recorded", alarmStatus: alarm.status };
    if (alarm.status === "open" || alarm.status === "acknowledged")
      return { kind: "open", alarmStatus: alarm.status ?? "open" };
    return { kind: "closed_otherwise", alarmStatus: alarm.status ?? "unknown" };
  } catch (e) {
    return { kind: "unknown", message: errorText(e) };
  }
}
