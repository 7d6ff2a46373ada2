"use client";
import { Select, textLinkClass, type SelectProps } from "@/components/ui";
import type { DeskDetail, QueueItem } from "@/lib/verifications/types";
import { errorText } from "@/lib/error-text";
import { CONTACT_SELECT_ID } from "./use-answer-contact";

type Contacts = {
  data?: DeskDetail["callList"];
  isLoading: boolean;
  isError: boolean;
  error: unknown;
};

/**
 * The answer's contact, from the site's call list; CHeKT's choice marked, and kept when the list fails
 * or does not hold it. `error` (the contact is missing or CHeKT refused it) marks the select invalid,
 * in words tied to it. A site with no contacts says so, with a link to add one (in a new tab, so the
 * desk and its claim stay open).
 */
export function ContactSelect({
  item,
  contacts,
  ...select
}: { item: QueueItem; contacts: Contacts } & Pick<SelectProps, "value" | "onChange" | "disabled" | "error">) {
  const none = contacts.data?.length === 0 && !item.contactId;
  const listed = contacts.data?.some((c) => c.id === item.contactId) ?? false;
  return (
    <Select
      id={CONTACT_SELECT_ID}
      label="Contact who handled it"
      {...select}
      hint={
        contacts.isError ? (
          errorText(contacts.error)
        ) : none ? (
          <>
            This site has no contacts.{" "}
            <a
              href={`/sites/${item.siteId}/contacts/new`}
              target="_blank"
              rel="noreferrer"
              className={textLinkClass}
              data-testid="add-contact-link"
            >
              Add a contact to this site (opens in a new tab)
            </a>
            , then come back here to answer.
          </>
        ) : item.contactId ? (
          "CHeKT suggested the selected contact."
        ) : undefined
      }
      options={[
        {
          value: "",
          label: contacts.isLoading ? "Loading contacts…" : none ? "None to choose yet" : "Choose a contact",
        },
        ...(contacts.data ?? []).map((c) => ({
          value: String(c.id),
          label: `${c.name}${c.phone ? ` · ${c.phone}` : ""}` + (c.id === item.contactId ? " (CHeKT's choice)" : ""),
        })),
        ...(item.contactId && !listed && !contacts.isLoading
          ? [{ value: String(item.contactId), label: `Contact ${item.contactId} (CHeKT's choice)` }]
          : []),
      ]}
    />
  );
}
