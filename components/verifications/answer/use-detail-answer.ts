"use client";
import { useState } from "react";
import { toast } from "sonner";
import type { QueueItem } from "@/lib/verifications/types";
import type { AnswerAction } from "@/components/verifications/shared/format";
import type { Intent, QueueWork } from "@/components/verifications/queue/use-queue-work";
import { answerBusy, type AnswerChoice } from "./answer-phase";
import { useAnswer } from "./use-answer";
import type { AnswerContact } from "./use-answer-contact";

/**
 * The detail view's answer (use-answer.ts): each end said in a toast, the item off the queue once
 * answered or gone, a failure kept in view with the picker closed (its choices kept for the next
 * opening, detail.tsx): a contact missing or refused by CHeKT on the contact select, anything else
 * above the view. `go` sends the picker's choice; `ask` opens the picker for an action, or closes it
 * with null.
 */
export function useDetailAnswer(item: QueueItem, work: QueueWork, contact: AnswerContact, ask: (i: Intent) => void) {
  const [failure, setFailure] = useState<string | null>(null);
  const { contactId } = contact;
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
    onFailure: (message, field) => {
      if (field === "contactId") contact.refuse(message);
      else setFailure(message);
      toast.error(message);
      ask(null);
    },
  });

  async function go(action: AnswerAction, choice?: AnswerChoice) {
    setFailure(null);
    // A resend without the picker's choice (after a reload) has nothing to send: ask again.
    if (!choice && !answer.hasChoice()) return ask(action);
    ask(null);
    // The picker opened from the queue before the call list was read: no contact yet, said on its select.
    if (!contact.check()) return;
    await answer.send(action, choice);
  }

  return { ...answer, busy: answerBusy(answer.phase), failure, go };
}

export type DetailAnswer = ReturnType<typeof useDetailAnswer>;
