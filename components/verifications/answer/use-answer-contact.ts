"use client";
import { useState } from "react";
import type { DeskDetail, QueueItem } from "@/lib/verifications/types";

/**
 * The contact the answer names, as the contact select's value: the operator's pick; until they
 * pick, the contact CHeKT named, else the site's first contact on the call list.
 */
export function useAnswerContact(item: QueueItem, callList: DeskDetail["callList"] | undefined) {
  const [picked, setContactId] = useState<string>(item.contactId ? String(item.contactId) : "");
  const contactId =
    picked || (callList?.length ? String(callList.find((c) => c.id === item.contactId)?.id ?? callList[0].id) : "");
  return { contactId, setContactId };
}

export type AnswerContact = ReturnType<typeof useAnswerContact>;
