"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui";
import { CountdownText } from "@/components/ui/countdown-text";
import type { AnswerAction } from "@/components/verifications/shared/format";
import type { AnswerPhase } from "./answer-phase";

// Whole class names, so that Tailwind finds them in this file.
const TONE = {
  amber: "border-amber-300 bg-amber-50 p-3 text-sm text-amber-900",
  red: "border-red-300 bg-red-50 p-3 text-sm text-red-900",
  slate: "border-slate-300 bg-slate-50 p-3 text-sm text-slate-900",
} as const;

/**
 * The box each state of a waiting answer is drawn in: its words, then what the operator can do. Without a
 * role it is no live region (a countdown inside announces its own steady words, CountdownText).
 */
function StatusBox(props: { role?: "status" | "alert"; tone: keyof typeof TONE; testId: string; children: ReactNode }) {
  return (
    <div
      role={props.role}
      className={"flex flex-wrap items-center justify-between gap-2 rounded-md border " + TONE[props.tone]}
      data-testid={props.testId}
    >
      {props.children}
    </div>
  );
}

/** CHeKT asked to wait (or our server did not answer): the resend's countdown, which Cancel stops. */
function AnswerWaiting({
  phase,
  onCancel,
}: {
  phase: Extract<AnswerPhase, { kind: "waiting" }>;
  onCancel: () => void;
}) {
  return (
    <StatusBox tone="amber" testId="answer-waiting">
      <CountdownText
        steady={`Waiting for CHeKT (${phase.reason})`}
        ticking={
          ` — retrying the ${phase.action} in ${phase.inS} s. ` +
          "It is sent with the same key, so it can never be recorded twice."
        }
      />
      <Button size="sm" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </StatusBox>
  );
}

/** The retry window is over and nobody knows whether CHeKT saved it: ask CHeKT. */
function AnswerUncertain({ message, checking, onCheck }: { message: string; checking: boolean; onCheck: () => void }) {
  return (
    <StatusBox role="alert" tone="red" testId="answer-uncertain">
      <span>{checking ? "Asking CHeKT…" : message}</span>
      <Button size="sm" variant="secondary" onClick={onCheck} pending={checking} pendingText="Checking…">
        Check with CHeKT
      </Button>
    </StatusBox>
  );
}

/** An answer went out unconfirmed (cancelled, or stored before a reload): check, or send it again. */
function AnswerStopped(props: { action: AnswerAction; onCheck: () => void; onResend: (a: AnswerAction) => void }) {
  const { action } = props;
  return (
    <StatusBox role="status" tone="slate" testId="answer-stopped">
      <span>A {action} was sent but CHeKT has not confirmed it.</span>
      <span className="flex gap-2">
        <Button size="sm" variant="secondary" onClick={props.onCheck}>
          Check with CHeKT
        </Button>
        <Button
          size="sm"
          variant={action === "dispatch" ? "danger" : "secondary"}
          onClick={() => props.onResend(action)}
        >
          Send the {action} again
        </Button>
      </span>
    </StatusBox>
  );
}

/** Why an answer waits, and what the operator can do about it. */
export function AnswerStatus(props: {
  phase: AnswerPhase;
  stored: AnswerAction | null;
  onCancel: () => void;
  onCheck: () => void;
  onResend: (a: AnswerAction) => void;
}) {
  const { phase, onCheck } = props;
  if (phase.kind === "waiting") return <AnswerWaiting phase={phase} onCancel={props.onCancel} />;
  if (phase.kind === "uncertain" || phase.kind === "checking") {
    const message = phase.kind === "uncertain" ? phase.message : "";
    return <AnswerUncertain message={message} checking={phase.kind === "checking"} onCheck={onCheck} />;
  }
  const stopped = phase.kind === "stopped" ? phase.action : phase.kind === "idle" ? props.stored : null;
  return stopped ? <AnswerStopped action={stopped} onCheck={onCheck} onResend={props.onResend} /> : null;
}
