"use client";
import { useCallback, useEffect, useRef, type Dispatch, type SetStateAction } from "react";
import { countDown } from "@/components/verifications/shared/count-down";
import type { AnswerAction } from "@/components/verifications/shared/format";
import { waitSeconds } from "@/lib/chekt/errors";
import type { AnswerPhase } from "./answer-phase";

/**
 * The countdown before an answer is sent again, and the operator's Cancel: it stops the countdown,
 * and `cancelledRef` tells a send still on its way to drop the reply (the next send clears it).
 */
export function useResendWait(setPhase: Dispatch<SetStateAction<AnswerPhase>>) {
  const stop = useRef<(() => void) | null>(null);
  const cancelledRef = useRef(false);

  useEffect(() => () => stop.current?.(), []);

  const waitThen = useCallback(
    (action: AnswerAction, reason: string, ms: number, next: () => void) => {
      const seconds = waitSeconds(ms);
      stop.current = countDown(seconds, (inS) => setPhase({ kind: "waiting", action, reason, inS }), next);
    },
    [setPhase],
  );

  const cancel = useCallback(() => {
    cancelledRef.current = true;
    stop.current?.();
    setPhase((p) => ("action" in p ? { kind: "stopped", action: p.action } : { kind: "idle" }));
  }, [setPhase]);

  return { waitThen, cancel, cancelledRef };
}
