"use client";
import { Button } from "@/components/ui";
import type { QueueItem } from "@/lib/verifications/types";
import { AnswerButton } from "@/components/verifications/shared/answer-button";
import { ClaimButton } from "@/components/verifications/shared/claim-button";
import type { Intent } from "@/components/verifications/queue/use-queue-work";
import { answerBusy, type AnswerPhase } from "@/components/verifications/answer/use-answer";

/**
 * The detail view's buttons: release (waiting while it is on its way; a toast says it worked) or claim
 * (take over, for admins) and Dispatch…/Disregard…, which open the outcome picker; a viewer only
 * closes it. The main action comes last, at the right end of the buttons row.
 */
export function DetailActions(props: {
  item: QueueItem;
  canAnswer: boolean;
  canTakeOver: boolean;
  claiming: boolean;
  releasing: boolean;
  phase: AnswerPhase;
  onClaim: (takeOver: boolean) => Promise<void>;
  onRelease: () => void;
  onIntent: (i: Intent) => void;
  onClose: () => void;
}) {
  const { item, canAnswer, canTakeOver, claiming, phase, onClaim, onIntent, onClose } = props;
  const mine = item.state === "claimed" && item.claimedByMe;
  const claimedByOther = item.state === "claimed" && !item.claimedByMe;
  const busy = answerBusy(phase);

  return canAnswer ? (
    <>
      {mine ? (
        <Button
          variant="ghost"
          onClick={props.onRelease}
          disabled={busy}
          pending={props.releasing}
          pendingText="Releasing…"
        >
          Release claim
        </Button>
      ) : null}
      <ClaimButton item={item} canTakeOver={canTakeOver} pending={claiming} onClaim={onClaim} />
      {(["disregard", "dispatch"] as const).map((a) => (
        <AnswerButton
          key={a}
          action={a}
          asks
          disabled={claimedByOther || busy || props.releasing}
          pending={phase.kind === "sending" && phase.action === a}
          pendingText="Sending…"
          onClick={() => onIntent(a)}
        />
      ))}
    </>
  ) : (
    <Button variant="secondary" onClick={onClose}>
      Close
    </Button>
  );
}
