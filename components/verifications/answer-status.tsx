"use client";
import { Button } from "@/components/ui";
import type { AnswerPhase } from "./use-answer";

/** Why an answer waits, and what the operator can do about it. */
export function AnswerStatus(props: {
  phase: AnswerPhase;
  stored: "dispatch" | "disregard" | null;
  onCancel: () => void;
  onCheck: () => void;
  onResend: (a: "dispatch" | "disregard") => void;
}) {
  const { phase } = props;
  if (phase.kind === "waiting") {
    return (
      <div
        role="status"
        className={
          "flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 " +
          "p-3 text-sm text-amber-900"
        }
        data-testid="answer-waiting"
      >
        <span>
          Waiting for CHeKT ({phase.reason}) — retrying the {phase.action} in {phase.inS} s. It is sent with the same
          key, so it can never be recorded twice.
        </span>
        <Button size="sm" variant="secondary" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    );
  }
  if (phase.kind === "uncertain" || phase.kind === "checking") {
    return (
      <div
        role="alert"
        className={
          "flex flex-wrap items-center justify-between gap-2 rounded-md border border-red-300 bg-red-50 p-3 " +
          "text-sm text-red-900"
        }
        data-testid="answer-uncertain"
      >
        <span>{phase.kind === "uncertain" ? phase.message : "Asking CHeKT…"}</span>
        <Button
          size="sm"
          variant="secondary"
          onClick={props.onCheck}
          pending={phase.kind === "checking"}
          pendingText="Checking…"
        >
          Check with CHeKT
        </Button>
      </div>
    );
  }
  const stopped = phase.kind === "stopped" ? phase.action : phase.kind === "idle" ? props.stored : null;
  if (stopped) {
    return (
      <div
        role="status"
        className={
          "flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 " +
          "p-3 text-sm text-slate-900"
        }
        data-testid="answer-stopped"
      >
        <span>A {stopped} was sent but CHeKT has not confirmed it.</span>
        <span className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={props.onCheck}>
            Check with CHeKT
          </Button>
          <Button
            size="sm"
            variant={stopped === "dispatch" ? "danger" : "secondary"}
            onClick={() => props.onResend(stopped)}
          >
            Send the {stopped} again
          </Button>
        </span>
      </div>
    );
  }
  return null;
}
