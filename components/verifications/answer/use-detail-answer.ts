"use client";
import { useState } from "react";
import { toast } from "sonner";
import type { QueueItem } from "@/lib/verifications/types";
import type { AnswerAction } from "@/components/verifications/shared/format";
import type { Intent, QueueWork } from "@/components/verifications/queue/use-queue-work";
import { answerBusy, type AnswerChoice } from "./answer-phase";
import { useAnswer } from "./use-answer";

/**
 * The detail view's answer (use-answer.ts): each end said in a toast, the item off the queue once
 * answered or gone, a failure kept in view with the picker closed. `go` sends the picker's choice;
 * `ask` opens the picker for an action, or closes it with null.
 */
export function useDetailAnswer(item: QueueItem, work: QueueWork, contactId: string, ask: (i: Intent) => void) {
  const [failure, setFailure] = useState<string | null>(null);
  const answer = useAnswer({
    id: item.id,
    contactId: () => (contactId ? Number(contactId) : null),
    onAnswered: (message) => {
      toast.success(message);
      work.answered(item.id);
    },
    onGone: (message) => {
      toast.error(message, { duration: 10_000 });
      work.answered(item.id);
    },
    onFailure: (message) => {
      setFailure(message);
      toast.error(message);
      ask(null);
    },
  });

  async function go(action: AnswerAction, choice?: AnswerChoice) {
    setFailure(null);
    // A resend without the picker's choice (after a reload) has nothing to send: ask again.
    if (!choice && !answer.hasChoice()) return ask(action);
    ask(null);
    await answer.send(action, choice);
  }

  return { ...answer, busy: answerBusy(answer.phase), failure, go };
}

export type DetailAnswer = ReturnType<typeof useDetailAnswer>;
