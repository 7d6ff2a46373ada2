"use client";
import { useRef } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/ui";
import type { QueueItem } from "@/lib/verifications/types";
import { siteLabel } from "@/lib/site-label";
import type { EscalationSettings } from "@/lib/verifications/escalation";
import { OutcomePicker } from "@/components/verifications/answer/outcome-picker";
import type { Intent, QueueWork } from "@/components/verifications/queue/use-queue-work";
import { useAnswerContact } from "@/components/verifications/answer/use-answer-contact";
import { useDetailAnswer } from "@/components/verifications/answer/use-detail-answer";
import { usePickerKey } from "@/components/verifications/answer/use-picker-key";
import { DetailActions } from "./detail-actions";
import { DetailContent } from "./detail-content";
import { DetailTitle } from "./detail-title";
import { DetailNotices } from "./detail-notices";
import { useDeskDetail } from "./use-desk-detail";
import { useDetailKeys } from "./use-detail-keys";
import { useLeaseHeartbeat } from "./use-lease";

/**
 * The opened alarm, worked through the queue's `work` (claims, the outcome picker's intent, closing
 * and leaving the queue once answered), with the desk's keys (use-detail-keys.ts). The picker opens
 * only with a contact to name in the answer; else the contact select says why and takes the focus.
 */
export function VerificationDetail(props: {
  item: QueueItem;
  work: QueueWork;
  canAnswer: boolean;
  canTakeOver: boolean;
  leaseSeconds: number;
  /** The dealer's N and M, as the queue has them: the title turns red when the item's row does. */
  escalation: EscalationSettings;
  /** The queue's clock reading, so the title's countdown and the item's row never disagree. */
  now: number;
}) {
  const { item, work, canAnswer, now } = props;
  const intent = work.intent;
  const detail = useDeskDetail(item.id);
  const contact = useAnswerContact(item, detail.data?.callList);

  const claimedByOther = item.state === "claimed" && !item.claimedByMe;
  const mine = item.state === "claimed" && item.claimedByMe;
  // d/x and the buttons ask for a picker (claiming first when nobody holds the item), once there is a
  // contact to name (another operator's item: work.answer says who holds it); null closes it.
  const ask = (i: Intent) => {
    if (!i) return work.setIntent(null);
    if (!claimedByOther && !contact.check()) return;
    work.answer(item, i);
  };
  const picker = usePickerKey(intent);

  // The claim is held while this view is open; closing it lets the lease lapse.
  useLeaseHeartbeat(item.id, mine, props.leaseSeconds, (why) => toast.warning(why));

  const answer = useDetailAnswer(item, work, contact, ask);
  const { phase, busy } = answer;
  const pickerOpen = intent !== null && !claimedByOther;
  const inside = useRef<HTMLDivElement>(null);
  useDetailKeys({
    item,
    inside,
    enabled: canAnswer && !busy && !pickerOpen && work.claiming === null && work.releasing === null,
    onClaim: () => void work.claim(item, false),
    onAsk: ask,
  });

  return (
    <>
      <Dialog
        open
        onClose={work.close}
        size="lg"
        dismissible={!busy}
        title={<DetailTitle item={item} now={now} escalation={props.escalation} />}
        description={item.description ?? "Alarm"}
        footer={
          <DetailActions
            item={item}
            canAnswer={canAnswer}
            canTakeOver={props.canTakeOver}
            claiming={work.claiming === item.id}
            releasing={work.releasing === item.id}
            phase={phase}
            onClaim={(takeOver) => work.claim(item, takeOver)}
            onRelease={() => void work.release(item)}
            onIntent={ask}
            onClose={work.close}
          />
        }
      >
        <div className="space-y-4" ref={inside}>
          <DetailNotices item={item} canTakeOver={props.canTakeOver} answer={answer} />
          <DetailContent item={item} detail={detail} now={now} canAnswer={canAnswer} contact={contact} busy={busy} />
        </div>
      </Dialog>
      {/* d / x and the buttons open the picker: the dealer's outcomes of that kind + the site's checklist. */}
      <OutcomePicker
        key={picker.key}
        open={pickerOpen}
        kind={picker.kind}
        verificationId={item.id}
        siteLabel={siteLabel(item.siteId, item.siteName)}
        pending={phase.kind === "sending"}
        onClose={() => {
          picker.restart();
          ask(null);
        }}
        onConfirm={(choice) => void answer.go(picker.kind, choice)}
      />
    </>
  );
}
