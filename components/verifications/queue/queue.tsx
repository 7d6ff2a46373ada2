"use client";
import { useEffect, useMemo } from "react";
import type { QueueSort } from "@/lib/verifications/merge";
import type { EscalationSettings } from "@/lib/verifications/escalation";
import { VerificationDetail } from "@/components/verifications/detail/detail";
import { systemClock, useNow, type Clock } from "@/components/verifications/shared/use-now";
import { AlertsPrompt } from "./alerts-prompt";
import { DeskDealerProvider, useDeskDealer, type DeskDealer } from "./desk-dealer";
import { EscalationBanner } from "./escalation-banner";
import { QueueHeader } from "./queue-header";
import { QueueAnnouncers } from "./queue-announcers";
import { QueueBody } from "./queue-body";
import { QueueList } from "./queue-list";
import { openItems } from "./open-items";
import { useCountInTitle } from "./use-count-in-title";
import { useDeskAlerts } from "./use-desk-alerts";
import { useEscalationAlerts } from "./use-escalation-alerts";
import { useLiveQueue } from "./use-live-queue";
import { useNewAlarmAnnouncer } from "./use-new-alarm-announcer";
import { useQueueWork } from "./use-queue-work";

export type Me = { id: string; name: string };

type QueueProps = {
  me: Me;
  /**
   * The dealer this queue is of: every call the desk makes names it, so a switch in another tab stops
   * the queue (said by name) instead of filling it with the other dealer's alarms.
   */
  dealer: DeskDealer;
  canAnswer: boolean;
  canTakeOver: boolean;
  sort: QueueSort;
  leaseSeconds: number;
  /** LIVE_HEARTBEAT_SECONDS: a signed-out queue asks this often whether it is let in again. */
  heartbeatSeconds: number;
  /** The dealer's N and M (lib/verifications/escalation-settings.ts). */
  escalation: EscalationSettings;
  /** The escalation banner is for the dealer's admins (issue 14); everyone gets colours and sound. */
  showEscalationBanner: boolean;
  clock?: Clock;
};

/**
 * The live queue. Accessibility: the rows form a listbox of options with no controls inside them
 * (roving tabindex: arrow keys, Home/End move focus and selection); the actions for the selected
 * row sit in a toolbar outside the list; each new alarm is announced through a polite live region.
 */
export function VerificationQueue(props: QueueProps) {
  const { id, name } = props.dealer;
  // Above everything the queue runs (its claims too): every part of the desk names the page's dealer.
  const dealer = useMemo(() => ({ id, name }), [id, name]);
  return (
    <DeskDealerProvider value={dealer}>
      <QueueView {...props} />
    </DeskDealerProvider>
  );
}

function QueueView(props: QueueProps) {
  const { canAnswer, canTakeOver, sort, escalation, showEscalationBanner } = props;
  const clock = props.clock ?? systemClock;
  const dealer = useDeskDealer();
  const alerts = useDeskAlerts();
  const announcer = useNewAlarmAnnouncer(clock, alerts.onRef);
  const { data, status, error, isLoading, isFetching, refetch } = useLiveQueue({
    dealer,
    heartbeatMs: props.heartbeatSeconds * 1000,
    onNew: announcer.onNew,
  });
  const now = useNow(1000, clock);
  const { catchUp } = announcer;
  // Every tick too: an alarm whose details are late is announced without them after 2 s.
  useEffect(() => catchUp(data?.items ?? []), [catchUp, data, now]);

  const items = useMemo(() => openItems(data?.items ?? [], now, sort), [data, now, sort]);
  const work = useQueueWork({ items, known: data?.items ?? [], me: props.me, canAnswer });
  const { escalated, said: escalationSaid } = useEscalationAlerts(items, now, escalation, alerts.onRef);
  useCountInTitle(items.length);
  const { opened } = work;

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

      <QueueAnnouncers newAlarm={announcer.said} escalation={escalationSaid} />
      <QueueBody
        error={data ? null : error}
        loading={isLoading && !data}
        empty={items.length === 0}
        retrying={isFetching}
        onRetry={() => void refetch()}
      >
        <QueueList
          items={items}
          now={now}
          escalation={escalation}
          work={work}
          canAnswer={canAnswer}
          canTakeOver={canTakeOver}
          listAsOf={data?.listAsOf ?? ""}
        />
      </QueueBody>

      {opened ? (
        <VerificationDetail
          item={opened}
          work={work}
          canAnswer={canAnswer}
          canTakeOver={canTakeOver}
          leaseSeconds={props.leaseSeconds}
          escalation={escalation}
          now={now}
        />
      ) : null}
    </div>
  );
}
