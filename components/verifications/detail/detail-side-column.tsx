"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import type { DeskDetail, QueueItem } from "@/lib/verifications/types";
import { ContactSelect } from "@/components/verifications/answer/contact-select";
import type { AnswerContact } from "@/components/verifications/answer/use-answer-contact";
import { AlarmFacts } from "./alarm-facts";
import { CallList, SiteCard } from "./dispatch-info";

/** The detail view's content: the item, its detail read, the clock, and the answer's contact. */
export type DetailContentProps = {
  item: QueueItem;
  detail: UseQueryResult<DeskDetail>;
  now: number;
  canAnswer: boolean;
  contact: AnswerContact;
  busy: boolean;
};

/**
 * The detail view's column beside the snapshots: the site and whom to call (once the detail has
 * loaded), the alarm's facts, and for those who answer, the contact the answer names.
 */
export function DetailSideColumn(props: DetailContentProps) {
  const { item, detail } = props;
  // The answer form picks from the call list (the contact CHeKT named first).
  const contacts = { ...detail, data: detail.data?.callList };
  return (
    <div className="space-y-4 md:col-span-2">
      {detail.isLoading ? <p className="text-sm text-slate-700">Loading the site and call list…</p> : null}
      {detail.data ? <SiteCard detail={detail.data} siteId={item.siteId} now={props.now} /> : null}
      {detail.data ? <CallList detail={detail.data} contactBelow={props.canAnswer} /> : null}
      <AlarmFacts item={item} />
      {props.canAnswer ? (
        <ContactSelect
          item={item}
          contacts={contacts}
          value={props.contact.contactId}
          error={props.contact.error}
          onChange={(e) => props.contact.setContactId(e.target.value)}
          disabled={contacts.isLoading || props.busy}
        />
      ) : null}
    </div>
  );
}
