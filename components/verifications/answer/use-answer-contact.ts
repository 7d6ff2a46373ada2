"use client";
import { useState } from "react";
import type { DeskDetail, QueueItem } from "@/lib/verifications/types";

/** The select's id: the answer's checks focus it when the contact is missing or refused. */
export const CONTACT_SELECT_ID = "answer-contact";

export const NO_CONTACTS =
  "This site has no contacts, and an answer must name the contact who handled it. Add one to the site first.";
export const PICK_CONTACT = "Pick the contact who handled it.";

/**
 * Why an answer cannot be sent with this contact yet, before the outcome picker opens (CHeKT takes an
 * answer only with a contact of the site, lib/verifications/schemas.ts): none chosen, or none to
 * choose from; null when there is one. `callList` undefined: not read yet (or the read failed).
 */
export function contactProblem(contactId: string, callList: DeskDetail["callList"] | undefined): string | null {
  if (contactId) return null;
  return callList?.length === 0 ? NO_CONTACTS : PICK_CONTACT;
}

/**
 * The contact the answer names, as the contact select's value: the operator's pick; until they
 * pick, the contact CHeKT named, else the site's first contact on the call list. `error`: why the
 * answer cannot go with it (missing, or refused by CHeKT), shown on the select until the next pick.
 */
export function useAnswerContact(item: QueueItem, callList: DeskDetail["callList"] | undefined) {
  const [picked, setPicked] = useState<string>(item.contactId ? String(item.contactId) : "");
  const [error, setError] = useState<string | null>(null);
  const contactId =
    picked || (callList?.length ? String(callList.find((c) => c.id === item.contactId)?.id ?? callList[0].id) : "");
  const setContactId = (id: string) => {
    setPicked(id);
    setError(null);
  };
  /** Says on the select why the answer cannot go yet and focuses it; false when it can. */
  const check = (): boolean => {
    const problem = contactProblem(contactId, callList);
    if (problem) refuse(problem);
    return !problem;
  };
  const refuse = (message: string) => {
    setError(message);
    focusWhenFree();
  };
  return { contactId, setContactId, error, check, refuse };
}

export type AnswerContact = ReturnType<typeof useAnswerContact>;

/** About half a second of frames: the outcome picker closes within a render or two of a refusal. */
const FOCUS_FRAMES = 30;

/**
 * Focuses the select once it can take the focus: while the outcome picker is still open the detail
 * behind it is inert, so a focus in the first frame can be lost, and the picker then gives the focus
 * back to its opener (Dispatch…). Tried each frame until the select has it.
 */
function focusWhenFree(frame = 0) {
  requestAnimationFrame(() => {
    const select = document.getElementById(CONTACT_SELECT_ID);
    select?.focus();
    if (select && document.activeElement !== select && frame < FOCUS_FRAMES) focusWhenFree(frame + 1);
  });
}
