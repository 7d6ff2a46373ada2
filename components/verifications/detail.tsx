"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert, Dialog } from "@/components/ui";
import type { DeskDetail, QueueItem } from "@/lib/verifications/types";
import { CallList, Directions, History, SiteCard } from "./dispatch-info";
import { OutcomePicker } from "./outcome-picker";
import { countdown } from "./format";
import { AlarmFacts } from "./alarm-facts";
import { DetailActions } from "./detail-actions";
import { ContactSelect } from "./contact-select";
import { AnswerStatus } from "./answer-status";
import { SnapshotViewer } from "./snapshot-viewer";
import { useNow } from "./use-now";
import type { Intent, QueueWork } from "./use-queue-work";
import { answerBusy, useAnswer, type AnswerChoice } from "./use-answer";
import { useLeaseHeartbeat } from "./use-lease";
import { errorText } from "@/lib/error-text";

async function fetchDetail(id: string): Promise<DeskDetail> {
  const res = await fetch(`/api/live/verifications/${encodeURIComponent(id)}/detail`);
  const body = (await res.json().catch(() => null)) as (DeskDetail & { error?: { message?: string } }) | null;
  if (!res.ok || !body || body.error)
    throw new Error(body?.error?.message ?? `Could not load the site and call list (HTTP ${res.status})`);
  return body;
}

/**
 * The opened alarm, worked through the queue's `work` (claims, the outcome picker's intent, closing
 * and leaving the queue once answered).
 */
export function VerificationDetail(props: {
  item: QueueItem;
  work: QueueWork;
  canAnswer: boolean;
  canTakeOver: boolean;
  leaseSeconds: number;
}) {
  const { item, work, canAnswer } = props;
  const intent = work.intent;
  // d/x and the buttons ask for a picker (claiming first when nobody holds the item); null closes it.
  const ask = (i: Intent) => (i ? work.answer(item, i) : work.setIntent(null));
  const now = useNow(1000);
  const detail = useQuery({
    queryKey: ["desk-detail", item.id],
    queryFn: () => fetchDetail(item.id),
    staleTime: 30_000,
  });
  // The answer form picks from the call list (the contact CHeKT named first).
  const contacts = { ...detail, data: detail.data?.callList };
  const [pickedContact, setContactId] = useState<string>(item.contactId ? String(item.contactId) : "");
  const [failure, setFailure] = useState<string | null>(null);
  // Until the operator picks: the contact CHeKT named, else the site's first contact.
  const contactId =
    pickedContact ||
    (contacts.data?.length
      ? String(contacts.data.find((c) => c.id === item.contactId)?.id ?? contacts.data[0].id)
      : "");

  const claimedByOther = item.state === "claimed" && !item.claimedByMe;
  const mine = item.state === "claimed" && item.claimedByMe;
  const left = Date.parse(item.expiresAt) - now;

  // The claim is held while this view is open; closing it lets the lease lapse.
  useLeaseHeartbeat(item.id, mine, props.leaseSeconds, (why) => toast.warning(why));

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
  const phase = answer.phase;
  const busy = answerBusy(phase);

  async function go(action: "dispatch" | "disregard", choice?: AnswerChoice) {
    setFailure(null);
    // A resend without the picker's choice (after a reload) has nothing to send: ask again.
    if (!choice && !answer.hasChoice()) return ask(action);
    ask(null);
    await answer.send(action, choice);
  }

  return (
    <>
      <Dialog
        open
        onClose={work.close}
        size="lg"
        dismissible={!busy}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {item.siteName ?? `Site ${item.siteId}`}
            <span
              className={left < 60_000 ? "font-mono text-red-700" : "font-mono text-slate-700"}
              data-testid="detail-countdown"
            >
              {countdown(left)}
            </span>
          </span>
        }
        description={item.description ?? "Alarm"}
        footer={
          <DetailActions
            item={item}
            canAnswer={canAnswer}
            canTakeOver={props.canTakeOver}
            claiming={work.claiming === item.id}
            phase={phase}
            onClaim={(takeOver) => work.claim(item, takeOver)}
            onIntent={ask}
            onClose={work.close}
          />
        }
      >
        <div className="space-y-4">
          {claimedByOther ? (
            <Alert tone="warning">
              Claimed by {item.claimedByName ?? "another operator"}. Only they can answer it now
              {props.canTakeOver ? "; as an admin you can take it over." : "."}
            </Alert>
          ) : null}
          {failure ? <Alert tone="danger">{failure}</Alert> : null}
          <AnswerStatus
            phase={phase}
            stored={item.answerStored}
            onCancel={answer.cancel}
            onCheck={() => void answer.check()}
            onResend={(a) => void go(a)}
          />
          <div className="grid gap-4 md:grid-cols-5">
            <div className="space-y-2 md:col-span-3">
              <SnapshotViewer item={item} />
            </div>
            <div className="space-y-4 md:col-span-2">
              {detail.isLoading ? <p className="text-sm text-slate-700">Loading the site and call list…</p> : null}
              {detail.data ? <SiteCard detail={detail.data} siteId={item.siteId} now={now} /> : null}
              {detail.data ? <CallList detail={detail.data} /> : null}
              <AlarmFacts item={item} />
              {canAnswer ? (
                <ContactSelect
                  item={item}
                  contacts={contacts}
                  value={contactId}
                  onChange={(e) => setContactId(e.target.value)}
                  disabled={contacts.isLoading || busy}
                />
              ) : null}
            </div>
          </div>
          {detail.isError ? <Alert tone="warning">{errorText(detail.error)}</Alert> : null}
          {detail.data ? (
            <div className="grid gap-4 md:grid-cols-2">
              <Directions
                key={detail.data.directions?.updatedAt ?? "none"}
                detail={detail.data}
                canEdit={canAnswer}
                onSaved={() => void detail.refetch()}
              />
              <History
                detail={detail.data}
                verificationId={item.id}
                canNote={canAnswer}
                onNoted={() => void detail.refetch()}
              />
            </div>
          ) : null}
        </div>
      </Dialog>
      {/* d / x and the buttons open the picker: the dealer's outcomes of that kind + the site's checklist. */}
      <OutcomePicker
        key={intent ?? "closed"}
        open={intent !== null && !claimedByOther}
        kind={intent ?? "dispatch"}
        verificationId={item.id}
        siteLabel={item.siteName ?? `site ${item.siteId}`}
        pending={phase.kind === "sending"}
        onClose={() => ask(null)}
        onConfirm={(choice) => void go(intent ?? "dispatch", choice)}
      />
    </>
  );
}
