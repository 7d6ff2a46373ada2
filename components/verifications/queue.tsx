"use client";
import { useEffect, useMemo, useRef } from "react";
import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/ui";
import { sortQueue, type QueueSort } from "@/lib/verifications/merge";
import type { EscalationSettings } from "@/lib/verifications/escalation";
import { errorText } from "@/lib/error-text";
import { AlertsPrompt } from "./alerts-prompt";
import { VerificationDetail } from "./detail";
import { EscalationBanner } from "./escalation-banner";
import { QueueHeader } from "./queue-header";
import { QueueRow } from "./queue-row";
import { SelectedActions } from "./selected-actions";
import { useCountInTitle } from "./use-count-in-title";
import { useDeskAlerts } from "./use-desk-alerts";
import { useEscalationAlerts } from "./use-escalation-alerts";
import { useLiveQueue } from "./use-live-queue";
import { useNewAlarmAnnouncer } from "./use-new-alarm-announcer";
import { useQueueKeys } from "./use-queue-keys";
import { useQueueWork } from "./use-queue-work";
import { systemClock, useNow, type Clock } from "./use-now";

export type Me = { id: string; name: string };

/**
 * The live queue. Accessibility: the rows form a listbox of options with no controls inside them
 * (roving tabindex: arrow keys, Home/End move focus and selection); the actions for the selected
 * row sit in a toolbar outside the list; each new alarm is announced through a polite live region.
 */
export function VerificationQueue(props: {
  me: Me;
  canAnswer: boolean;
  canTakeOver: boolean;
  sort: QueueSort;
  leaseSeconds: number;
  /** The dealer's N and M (lib/verifications/escalation-settings.ts). */
  escalation: EscalationSettings;
  /** The escalation banner is for the dealer's admins (issue 14); everyone gets colours and sound. */
  showEscalationBanner: boolean;
  clock?: Clock;
}) {
  const { canAnswer, canTakeOver, sort, escalation, showEscalationBanner } = props;
  const clock = props.clock ?? systemClock;
  const alerts = useDeskAlerts();
  const announcer = useNewAlarmAnnouncer(clock, alerts.onRef);
  const { data, status, error, isLoading } = useLiveQueue({ onNew: announcer.onNew });
  const now = useNow(1000, clock);
  const { catchUp } = announcer;
  useEffect(() => catchUp(data?.items ?? [], now), [catchUp, data, now]);

  // Items leave by themselves when their countdown ends, whatever the server has said yet.
  const items = useMemo(
    () =>
      sortQueue(
        (data?.items ?? []).filter((i) => Date.parse(i.expiresAt) > now),
        sort,
      ),
    [data, now, sort],
  );
  const work = useQueueWork({ items, known: data?.items ?? [], me: props.me, canAnswer });
  const { escalated, said: escalationSaid } = useEscalationAlerts(items, now, escalation, alerts.onRef);
  useCountInTitle(items.length);
  const listRef = useRef<HTMLUListElement>(null);
  const onListKey = useQueueKeys(items, work, listRef, canAnswer);
  const { selected, opened } = work;

  return (
    <div>
      <QueueHeader
        status={status}
        count={items.length}
        sort={sort}
        alerts={alerts}
        showEscalationLink={showEscalationBanner}
      />
      <AlertsPrompt alerts={alerts} />
      {showEscalationBanner ? (
        <EscalationBanner escalated={escalated} items={items} now={now} settings={escalation} onSelect={work.select} />
      ) : null}

      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="queue-announcer">
        {announcer.said}
      </div>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="escalation-announcer">
        {escalationSaid}
      </div>

      {error && !data ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {errorText(error)}
        </div>
      ) : isLoading && !data ? (
        <p className="text-sm text-slate-600">Loading the queue…</p>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<ShieldAlert className="h-8 w-8" />}
          title="Nothing to verify"
          description="New alarms appear here the moment CHeKT asks for a verification."
        />
      ) : (
        <>
          {selected ? (
            <SelectedActions item={selected} work={work} canAnswer={canAnswer} canTakeOver={canTakeOver} />
          ) : null}
          <ul
            ref={listRef}
            role="listbox"
            aria-label="Open verifications"
            className="space-y-3"
            data-testid="verification-queue"
            data-list-as-of={data?.listAsOf ?? ""}
            onKeyDown={onListKey}
          >
            {items.map((item) => (
              <QueueRow
                key={item.id}
                item={item}
                now={now}
                escalation={escalation}
                selected={item.id === selected?.id}
                onSelect={() => work.select(item.id)}
                onOpen={() => work.open(item)}
              />
            ))}
          </ul>
        </>
      )}

      {opened ? (
        <VerificationDetail
          item={opened}
          work={work}
          canAnswer={canAnswer}
          canTakeOver={canTakeOver}
          leaseSeconds={props.leaseSeconds}
        />
      ) : null}
    </div>
  );
}
