"use client";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { toOutcome } from "@/components/forms/action-result";
import { checkAnswerAction } from "@/actions/verifications";
import { useLatest } from "@/components/verifications/shared/use-latest";
import { useDeskDealer } from "@/components/verifications/queue/desk-dealer";
import type { AnswerPhase } from "./answer-phase";
import { useAnswerSend } from "./use-answer-send";
import { useResendWait } from "./use-resend-wait";

// The phase and the choice live in answer-phase.ts; still exported here for
// components/verifications/detail/detail-actions.tsx.
export { answerBusy, type AnswerChoice, type AnswerPhase } from "./answer-phase";

export type AnswerOptions = {
  id: string;
  contactId: () => number | null;
  onAnswered: (message: string) => void;
  onGone: (message: string) => void;
  onFailure: (message: string, field?: string) => void;
};

/**
 * The answer's life in the browser (answer-phase.ts): sent, waited for and resent
 * (use-answer-send.ts, use-resend-wait.ts), cancelled, and checked with CHeKT when in doubt.
 */
export function useAnswer(opts: AnswerOptions) {
  const [phase, setPhase] = useState<AnswerPhase>({ kind: "idle" });
  const o = useLatest(opts);
  const dealer = useDeskDealer();
  const wait = useResendWait(setPhase);
  const { send, hasChoice } = useAnswerSend(o, dealer.id, setPhase, wait);

  const check = useCallback(async () => {
    const action = "action" in phase ? phase.action : null;
    setPhase({ kind: "checking", action: action ?? "dispatch" });
    const result = toOutcome(
      await checkAnswerAction({ id: o.current.id, dealerLinkId: dealer.id }).catch(() => undefined),
    );
    if (!result.ok) {
      toast.error(result.failure.message);
      return setPhase(action ? { kind: "uncertain", action, message: result.failure.message } : { kind: "idle" });
    }
    if (result.data?.recorded) return o.current.onAnswered(result.data.message);
    toast.info(result.data?.message ?? "CHeKT has not recorded it.");
    setPhase(action ? { kind: "stopped", action } : { kind: "idle" });
  }, [phase, o, dealer.id]);

  const reset = useCallback(() => setPhase({ kind: "idle" }), []);
  return { phase, send, cancel: wait.cancel, check, reset, hasChoice };
}
