"use client";
import { Select, type SelectProps } from "@/components/ui";
import type { DeskDetail, QueueItem } from "@/lib/verifications/types";
import { errorText } from "@/lib/error-text";

type Contacts = {
  data?: DeskDetail["callList"];
  isLoading: boolean;
  isError: boolean;
  error: unknown;
};

/** The answer's contact, from the site's call list; CHeKT's choice marked, and kept when the list fails. */
export function ContactSelect({
  item,
  contacts,
  ...select
}: { item: QueueItem; contacts: Contacts } & Pick<SelectProps, "value" | "onChange" | "disabled">) {
  return (
    <Select
      label="Contact who handled it"
      {...select}
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
          label: `${c.name}${c.phone ? ` · ${c.phone}` : ""}` + (c.id === item.contactId ? " (CHeKT's choice)" : ""),
        })),
        ...(item.contactId && contacts.isError
          ? [{ value: String(item.contactId), label: `Contact ${item.contactId} (CHeKT's choice)` }]
          : []),
      ]}
    />
  );
}
