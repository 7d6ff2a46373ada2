"use client";
import { useRef } from "react";
import type { EscalationSettings } from "@/lib/verifications/escalation";
import type { QueueItem } from "@/lib/verifications/types";
import { QueueRow } from "./queue-row";
import { SelectedActions } from "./selected-actions";
import { useQueueKeys } from "./use-queue-keys";
import type { QueueWork } from "./use-queue-work";

/**
 * The open alarms as a listbox of rows under the toolbar that acts on the selected one, with the
 * desk's keys (use-queue-keys.ts).
 */
export function QueueList(props: {
  items: QueueItem[];
  now: number;
  escalation: EscalationSettings;
  work: QueueWork;
  canAnswer: boolean;
  canTakeOver: boolean;
  /** When the last full list was read (the e2e tests wait on it). */
  listAsOf: string | number;
}) {
  const { items, work } = props;
  const { selected } = work;
  const listRef = useRef<HTMLUListElement>(null);
  // Mounted whenever there are rows: with none, the desk's keys have nothing to act on.
  const onListKey = useQueueKeys(items, work, listRef, props.canAnswer);
  return (
    <>
      {selected ? (
        <SelectedActions item={selected} work={work} canAnswer={props.canAnswer} canTakeOver={props.canTakeOver} />
      ) : null}
      <ul
        ref={listRef}
        role="listbox"
        aria-label="Open verifications"
        className="space-y-3"
        data-testid="verification-queue"
        data-list-as-of={props.listAsOf}
        onKeyDown={onListKey}
      >
        {items.map((item) => (
          <QueueRow
            key={item.id}
            item={item}
            now={props.now}
            escalation={props.escalation}
            selected={item.id === selected?.id}
            onSelect={() => work.select(item.id)}
            onOpen={() => work.open(item)}
          />
        ))}
      </ul>
    </>
  );
}
