"use client";
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert, Badge, Button, DetailField, Dialog, Select } from "@/components/ui";
import { toOutcome } from "@/components/forms/action-result";
import { releaseVerification } from "@/actions/verifications";
import type { DeskDetail, QueueItem } from "@/lib/verifications/types";
import { CallList, Directions, History, SiteCard } from "./dispatch-info";
import { OutcomePicker } from "./outcome-picker";
import { countdown, siteTime } from "./format";
import { AnswerButton } from "./answer-button";
import { ClaimButton } from "./claim-button";
import { SnapshotImg } from "./snapshot-img";
import { useAnswer, type AnswerChoice } from "./use-answer";
import { useLeaseHeartbeat } from "./use-lease";
import { errorText } from "@/lib/error-text";

export type Intent = "dispatch" | "disregard" | null;

async function fetchDetail(id: string): Promise<DeskDetail> {
  const res = await fetch(`/api/live/verifications/${encodeURIComponent(id)}/detail`);
  const body = (await res.json().catch(() => null)) as (DeskDetail & { error?: { message?: string } }) | null;
  if (!res.ok || !body || body.error)
    throw new Error(body?.error?.message ?? `Could not load the site and call list (HTTP ${res.status})`);
  return body;
}

export function VerificationDetail(props: {
  item: QueueItem;
  canAnswer: boolean;
  canTakeOver: boolean;
  leaseSeconds: number;
  intent: Intent;
  onIntent: (i: Intent) => void;
  /** Claims the item, or takes another operator's claim over (admins). */
  onClaim: (takeOver: boolean) => Promise<void>;
  claiming: boolean;
  onClose: () => void;
  onAnswered: (id: string) => void;
}) {
  const { item, canAnswer, intent } = props;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const detail = useQuery({
    queryKey: ["desk-detail", item.id],
    queryFn: () => fetchDetail(item.id),
    staleTime: 30_000,
  });
  // The answer form picks from the call list (the contact CHeKT named first).
  const contacts = { ...detail, data: detail.data?.callList };
  const [pickedContact, setContactId] = useState<string>(item.contactId ? String(item.contactId) : "");
  const [pickedLarge, setLarge] = useState(item.snapshots[0]?.id ?? null);
  const [failure, setFailure] = useState<string | null>(null);
  // Until the operator picks: the contact CHeKT named, else the site's first contact; the first snapshot.
  const contactId =
    pickedContact ||
    (contacts.data?.length
      ? String(contacts.data.find((c) => c.id === item.contactId)?.id ?? contacts.data[0].id)
      : "");
  const large = pickedLarge ?? item.snapshots[0]?.id ?? null;

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
      props.onAnswered(item.id);
    },
    onGone: (message) => {
      toast.error(message, { duration: 10_000 });
      props.onAnswered(item.id);
    },
    onFailure: (message) => {
      setFailure(message);
      toast.error(message);
      props.onIntent(null);
    },
  });
  const phase = answer.phase;
  const busy = phase.kind === "sending" || phase.kind === "waiting" || phase.kind === "checking";

  async function go(action: "dispatch" | "disregard", choice?: AnswerChoice) {
    setFailure(null);
    // A resend without the picker's choice (after a reload) has nothing to send: ask again.
    if (!choice && !answer.hasChoice()) return props.onIntent(action);
    props.onIntent(null);
    await answer.send(action, choice);
  }

  async function release() {
    const outcome = toOutcome(await releaseVerification({ id: item.id }).catch(() => undefined));
    if (!outcome.ok) toast.error(outcome.failure.message);
  }

  return (
    <>
      <Dialog
        open
        onClose={props.onClose}
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
          canAnswer ? (
            <>
              {mine ? (
                <Button variant="ghost" onClick={() => void release()} disabled={busy}>
                  Release claim
                </Button>
              ) : null}
              <ClaimButton
                item={item}
                canTakeOver={props.canTakeOver}
                pending={props.claiming}
                onClaim={props.onClaim}
              />
              {(["disregard", "dispatch"] as const).map((a) => (
                <AnswerButton
                  key={a}
                  action={a}
                  asks
                  disabled={claimedByOther || busy}
                  pending={phase.kind === "sending" && phase.action === a}
                  pendingText="Sending…"
                  onClick={() => props.onIntent(a)}
                />
              ))}
            </>
          ) : (
            <Button variant="secondary" onClick={props.onClose}>
              Close
            </Button>
          )
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
              {large ? (
                <SnapshotImg
                  key={large}
                  id={large}
                  alt={`Snapshot of ${item.siteName ?? `site ${item.siteId}`}, large`}
                  testId="snapshot-large"
                  allowRetry
                  className="max-h-[45vh] min-h-40 w-full rounded object-contain"
                  imageClassName="bg-slate-900"
                />
              ) : (
                <p className="rounded bg-slate-100 p-6 text-center text-sm text-slate-700">
                  No snapshot yet; it appears here as soon as CHeKT sends it.
                </p>
              )}
              {item.snapshots.length > 1 ? (
                <div className="flex gap-2 overflow-x-auto" role="group" aria-label="Snapshots of this alarm">
                  {item.snapshots.map((s, n) => (
                    <button
                      key={s.id}
                      type="button"
                      aria-pressed={s.id === large}
                      onClick={() => setLarge(s.id)}
                      className={s.id === large ? "rounded ring-2 ring-indigo-500" : "rounded ring-1 ring-slate-200"}
                    >
                      <SnapshotImg
                        id={s.id}
                        alt={`Snapshot ${n + 1} of ${item.snapshots.length}`}
                        className="h-14 w-20 rounded object-cover"
                      />
                    </button>
                  ))}
                </div>
              ) : null}
            </div>
            <div className="space-y-4 md:col-span-2">
              {detail.isLoading ? <p className="text-sm text-slate-700">Loading the site and call list…</p> : null}
              {detail.data ? <SiteCard detail={detail.data} siteId={item.siteId} now={now} /> : null}
              {detail.data ? <CallList detail={detail.data} /> : null}
              <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
                <DetailField label="Site time">{siteTime(item.occurredAt, item.siteTimezone)}</DetailField>
                <DetailField label="Zone">{item.zoneNumber ?? "—"}</DetailField>
                <DetailField label="Device">{item.deviceId ?? "—"}</DetailField>
                <DetailField label="Location">{item.location ?? "—"}</DetailField>
                <DetailField label="Trigger">
                  {item.trigger ? <Badge tone="info">{item.trigger}</Badge> : "—"}
                </DetailField>
                <DetailField label="Priority">{item.priority ?? "—"}</DetailField>
                <DetailField label="Claimed by">
                  {item.state === "claimed"
                    ? item.claimedByMe
                      ? "you"
                      : (item.claimedByName ?? "another operator")
                    : "nobody"}
                </DetailField>
              </dl>
              {canAnswer ? (
                <Select
                  label="Contact who handled it"
                  value={contactId}
                  onChange={(e) => setContactId(e.target.value)}
                  disabled={contacts.isLoading || busy}
                  hint={
                    contacts.isError
                      ? errorText(contacts.error)
                      : item.contactId
                        ? "CHeKT suggested the selected contact."
                        : undefined
                  }
                  options={[
                    { value: "", label: contacts.isLoading ? "Loading contacts…" : "Choose a contact" },
                    ...(contacts.data ?? []).map((c) => ({
                      value: String(c.id),
                      label:
                        `${c.name}${c.phone ? ` · ${c.phone}` : ""}` +
                        (c.id === item.contactId ? " (CHeKT's choice)" : ""),
                    })),
                    ...(item.contactId && contacts.isError
                      ? [{ value: String(item.contactId), label: `Contact ${item.contactId} (CHeKT's choice)` }]
                      : []),
                  ]}
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
        onClose={() => props.onIntent(null)}
        onConfirm={(choice) => void go(intent ?? "dispatch", choice)}
      />
    </>
  );
}

/** Why an answer waits, and what the operator can do about it. */
function AnswerStatus(props: {
  phase: ReturnType<typeof useAnswer>["phase"];
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
