import type { AnswerAction } from "@/components/verifications/shared/format";

// The answer's life in the browser. The server stores the Idempotency-Key before the first send,
// so every resend is the same request and CHeKT replays rather than answering twice. While CHeKT
// is busy (429, 5xx, dropped) the operator sees why and a countdown, and can cancel; only when the
// server's retry window is over does it say "may or may not have been saved", with a button that
// asks CHeKT (use-answer.ts).
export type AnswerPhase =
  | { kind: "idle" }
  | { kind: "sending"; action: AnswerAction }
  | { kind: "waiting"; action: AnswerAction; reason: string; inS: number }
  | { kind: "stopped"; action: AnswerAction }
  | { kind: "uncertain"; action: AnswerAction; message: string }
  | { kind: "checking"; action: AnswerAction };

/** An answer is on its way or in doubt: the dialog stays open and its buttons wait. */
export function answerBusy(phase: AnswerPhase): boolean {
  return phase.kind === "sending" || phase.kind === "waiting" || phase.kind === "checking";
}

/** The outcome code and checked step ids the operator picked (outcome-picker.tsx). */
export type AnswerChoice = { outcomeId: string; checkedSteps: string[] };
