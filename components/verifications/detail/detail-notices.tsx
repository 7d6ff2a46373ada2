"use client";
import { Alert } from "@/components/ui";
import type { QueueItem } from "@/lib/verifications/types";
import { AnswerStatus } from "@/components/verifications/answer/answer-status";
import type { DetailAnswer } from "@/components/verifications/answer/use-detail-answer";

/**
 * The top of the detail view: who holds the alarm when it is not ours, why the last answer failed,
 * and an answer that waits (components/verifications/answer/answer-status.tsx).
 */
export function DetailNotices({
  item,
  canTakeOver,
  answer,
}: {
  item: QueueItem;
  canTakeOver: boolean;
  answer: DetailAnswer;
}) {
  const claimedByOther = item.state === "claimed" && !item.claimedByMe;
  return (
    <>
      {claimedByOther ? (
        <Alert tone="warning">
          Claimed by {item.claimedByName ?? "another operator"}. Only they can answer it now
          {canTakeOver ? "; as an admin you can take it over." : "."}
        </Alert>
      ) : null}
      {answer.failure ? <Alert tone="danger">{answer.failure}</Alert> : null}
      <AnswerStatus
        phase={answer.phase}
        stored={item.answerStored}
        onCancel={answer.cancel}
        onCheck={() => void answer.check()}
        onResend={(a) => void answer.go(a)}
      />
    </>
  );
}
