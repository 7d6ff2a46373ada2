"use client";
import { useCallback, useEffect, useRef, type Dispatch, type RefObject, type SetStateAction } from "react";
import { toOutcome } from "@/components/forms/action-result";
import { answerVerificationAction } from "@/actions/verifications";
import type { AnswerResult } from "@/lib/verifications/answer";
import type { AnswerAction } from "@/components/verifications/shared/format";
import type { AnswerChoice, AnswerPhase } from "./answer-phase";
import type { AnswerOptions } from "./use-answer";
import { PICK_CONTACT } from "./use-answer-contact";

const OFFLINE_RETRY_MS = 3_000;
const OFFLINE_WINDOW_MS = 60_000;

type SetPhase = Dispatch<SetStateAction<AnswerPhase>>;
type WaitThen = (action: AnswerAction, reason: string, ms: number, next: () => void) => void;

/** Where the server's reply leaves the answer: recorded, gone, waiting to resend, in doubt, or not sent. */
function settle(
  action: AnswerAction,
  data: AnswerResult,
  o: AnswerOptions,
  setPhase: SetPhase,
  retry: (reason: string, ms: number) => void,
) {
  switch (data.outcome) {
    case "answered":
      setPhase({ kind: "idle" });
      return o.onAnswered(
        action === "dispatch" ? "Dispatched. CHeKT recorded the answer." : "Disregarded. CHeKT recorded the answer.",
      );
    case "expired":
      setPhase({ kind: "idle" });
      return o.onGone(data.message);
    case "retrying":
      return retry(data.reason, data.retryInMs);
    case "uncertain":
      return setPhase({ kind: "uncertain", action, message: data.message });
    case "not_sent":
      setPhase({ kind: "idle" });
      return o.onFailure(data.message);
  }
}

/**
 * Sends the answer with the operator's choice, kept so that every resend (after a wait, or "Send it
 * again") repeats it unchanged; resends when CHeKT asks to wait, and every few seconds for a minute
 * while our own server does not answer.
 */
export function useAnswerSend(
  o: RefObject<AnswerOptions>,
  /** The dealer the page was drawn for: the answer acts on its verification only. */
  dealerLinkId: string,
  setPhase: SetPhase,
  { waitThen, cancelledRef }: { waitThen: WaitThen; cancelledRef: RefObject<boolean> },
) {
  const lastChoice = useRef<AnswerChoice | null>(null);
  const offlineSince = useRef<number | null>(null);
  const sendRef = useRef<(action: AnswerAction) => Promise<void>>(async () => undefined);

  const send = useCallback(
    async (action: AnswerAction, choice?: AnswerChoice): Promise<void> => {
      const contactId = o.current.contactId();
      if (!contactId) return o.current.onFailure(PICK_CONTACT, "contactId");
      if (choice) lastChoice.current = choice;
      const picked = lastChoice.current;
      if (!picked) return o.current.onFailure("Choose an outcome first.", "outcomeId");
      cancelledRef.current = false;
      setPhase({ kind: "sending", action });
      const resend = () => void sendRef.current(action);
      let result;
      try {
        result = toOutcome(
          await answerVerificationAction({ id: o.current.id, dealerLinkId, action, contactId, ...picked }),
        );
        offlineSince.current = null;
      } catch {
        // Our own server did not answer (connection dropped): resending is safe with the stored key.
        offlineSince.current ??= Date.now();
        if (Date.now() - offlineSince.current <= OFFLINE_WINDOW_MS)
          return waitThen(action, "no connection to our server", OFFLINE_RETRY_MS, resend);
        offlineSince.current = null;
        const message =
          `We could not reach the server for a minute. The ${action} may or may not have been saved — ` +
          "check with CHeKT.";
        return setPhase({ kind: "uncertain", action, message });
      }
      if (cancelledRef.current) return;
      if (!result.ok) {
        setPhase({ kind: "idle" });
        const field = (["contactId", "outcomeId", "checkedSteps"] as const).find((f) => result.fieldErrors[f]);
        return o.current.onFailure(field ? result.fieldErrors[field]! : result.failure.message, field);
      }
      if (!result.data) return setPhase({ kind: "idle" });
      settle(action, result.data, o.current, setPhase, (reason, ms) => waitThen(action, reason, ms, resend));
    },
    // `o` and `cancelledRef` are refs and `setPhase` a state setter (all stable); listed for the linter.
    [o, dealerLinkId, setPhase, waitThen, cancelledRef],
  );
  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  const hasChoice = useCallback(() => lastChoice.current !== null, []);
  return { send, hasChoice };
}
