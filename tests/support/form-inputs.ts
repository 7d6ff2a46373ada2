// Action inputs as the create forms send them: every field present, "" where the user typed nothing
// (the forms spread the same EMPTY_* values of lib/schemas under what was typed). A test names only the
// fields it fills, and `accepted` states that the action took it.
import { expect } from "vitest";
import { EMPTY_CONTACT, type ContactText } from "@/lib/schemas/contact";
import { EMPTY_SITE, type SiteText } from "@/lib/schemas/site";
import { EMPTY_STATION, type StationText } from "@/lib/schemas/station";

export const siteInput = (typed: Partial<SiteText>): SiteText => ({ ...EMPTY_SITE, ...typed });
export const contactInput = (siteId: number, typed: Partial<ContactText>) => ({
  ...EMPTY_CONTACT,
  ...typed,
  site_id: siteId,
});
export const stationInput = (typed: Partial<StationText>): StationText => ({ ...EMPTY_STATION, ...typed });

type ActionAnswer<T> = { data?: T; serverError?: unknown; validationErrors?: unknown } | undefined;

/** The action's data, after asserting it answered without a server error or a validation error. */
export function accepted<T>(r: ActionAnswer<T>): T {
  expect(r?.serverError).toBeUndefined();
  expect(r?.validationErrors).toBeUndefined();
  expect(r?.data).toBeDefined();
  if (r?.data === undefined) throw new Error("the action answered without data");
  return r.data;
}
