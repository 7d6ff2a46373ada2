"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { toOutcome } from "@/components/forms/action-result";
import { answerVerificationAction, checkAnswerAction } from "@/actions/verifications";
import type { AnswerAction } from "./format";
import { useLatest } from "./use-latest";

// The answer's life in the browser. The server stores the Idempotency-Key before the first send,
// so every resend here is the same request and CHeKT replays rather than answering twice. While
// CHeKT is busy (429, 5xx, dropped) the operator sees why and a countdown, and can cancel; only
// when the server's retry window is over does it say "may or may not have been saved", with a
// button that asks CHeKT.
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

const OFFLINE_RETRY_MS = 3_000;
const OFFLINE_WINDOW_MS = 60_000;

export function useAnswer(opts: {
  id: string;
  contactId: () => number | null;
  onAnswered: (message: string) => void;
  onGone: (message: string) => void;
  onFailure: (message: string, field?: string) => void;
}) {
  const [phase, setPhase] = useState<AnswerPhase>({ kind: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelled = useRef(false);
  const offlineSince = useRef<number | null>(null);
  const o = useLatest(opts);
  // Resends (after a wait, or "Send it again") repeat the operator's last choice unchanged.
  const lastChoice = useRef<AnswerChoice | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const waitThen = useCallback((action: AnswerAction, reason: string, ms: number, next: () => void) => {
    let left = Math.max(1, Math.round(ms / 1000));
    setPhase({ kind: "waiting", action, reason, inS: left });
    const tick = () => {
      if (cancelled.current) return;
      left -= 1;
      if (left <= 0) next();
      else {
        setPhase({ kind: "waiting", action, reason, inS: left });
        timer.current = setTimeout(tick, 1000);
      }
    };
    timer.current = setTimeout(tick, 1000);
  }, []);

  const sendRef = useRef<(action: AnswerAction) => Promise<void>>(async () => undefined);
  const send = useCallback(
    async (action: AnswerAction, choice?: AnswerChoice): Promise<void> => {
      const contactId = o.current.contactId();
      if (!contactId) return o.current.onFailure("Pick the contact who handled it.", "contactId");
      if (choice) lastChoice.current = choice;
      const picked = lastChoice.current;
      if (!picked) return o.current.onFailure("Choose an outcome first.", "outcomeId");
      cancelled.current = false;
      setPhase({ kind: "sending", action });
      let result;
      try {
        result = toOutcome(await answerVerificationAction({ id: o.current.id, action, contactId, ...picked }));
        offlineSince.current = null;
      } catch {
        // Our own server did not answer (connection dropped): resending is safe with the stored key.
        offlineSince.current ??= Date.now();
        if (Date.now() - offlineSince.current > OFFLINE_WINDOW_MS) {
          offlineSince.current = null;
          setPhase({
            kind: "uncertain",
            action,
            message:
              `We could not reach the server for a minute. The ${action} may or may not have been saved — ` +
              "check with CHeKT.",
          });
          return;
        }
        return waitThen(action, "no connection to our server", OFFLINE_RETRY_MS, () => void sendRef.current(action));
      }
      if (cancelled.current) return;
      if (!result.ok) {
        setPhase({ kind: "idle" });
        const field = (["contactId", "outcomeId", "checkedSteps"] as const).find((f) => result.fieldErrors[f]);
        return o.current.onFailure(field ? result.fieldErrors[field]! : result.failure.message, field);
      }
      const data = result.data;
      if (!data) return setPhase({ kind: "idle" });
      switch (data.outcome) {
        case "answered":
          setPhase({ kind: "idle" });
          return o.current.onAnswered(
            action === "dispatch"
              ? "Dispatched. CHeKT recorded the answer."
              : "Disregarded. CHeKT recorded the answer.",
          );
        case "expired":
          setPhase({ kind: "idle" });
          return o.current.onGone(data.message);
        case "retrying":
          return waitThen(action, data.reason, data.retryInMs, () => void sendRef.current(action));
        case "uncertain":
          return setPhase({ kind: "uncertain", action, message: data.message });
        case "not_sent":
          setPhase({ kind: "idle" });
          return o.current.onFailure(data.message);
      }
    },
    // `o` is a ref (stable); listed for the linter.
    [waitThen, o],
  );
  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  const cancel = useCallback(() => {
    cancelled.current = true;
    if (timer.current) clearTimeout(timer.current);
    setPhase((p) => ("action" in p ? { kind: "stopped", action: p.action } : { kind: "idle" }));
  }, []);

  const check = useCallback(async () => {
    const action = "action" in phase ? phase.action : null;
    setPhase({ kind: "checking", action: action ?? "dispatch" });
    const result = toOutcome(await checkAnswerAction({ id: o.current.id }).catch(() => undefined));
    if (!result.ok) {
      toast.error(result.failure.message);
      return setPhase(action ? { kind: "uncertain", action, message: result.failure.message } : { kind: "idle" });
    }
    if (result.data?.recorded) return o.current.onAnswered(result.data.message);
    toast.info(result.data?.message ?? "CHeKT has not recorded it.");
    setPhase(action ? { kind: "stopped", action } : { kind: "idle" });
  }, [phase, o]);

  const reset = useCallback(() => setPhase({ kind: "idle" }), []);
  const hasChoice = useCallback(() => lastChoice.current !== null, []);
  return { phase, send, cancel, check, reset, hasChoice };
}
