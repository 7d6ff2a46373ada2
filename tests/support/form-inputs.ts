// Action inputs as the create forms send them: every field present, "" where the user typed nothing
// (the forms spread their empty values under what was typed, components/sites/site-form.tsx and its
// siblings). A test names only the fields it fills, and `accepted` states that the action took it.
import { expect } from "vitest";
import type { ContactText } from "@/lib/schemas/contact";
import type { SiteText } from "@/lib/schemas/site";
import type { stationFields } from "@/lib/schemas/station";

type StationText = { [K in keyof typeof stationFields]: string };

const EMPTY_SITE: SiteText = {
  external_site_id: "",
  name: "",
  timezone: "",
  monitoring_station_id: "",
  account_number: "",
  address1: "",
  address2: "",
};
const EMPTY_CONTACT: ContactText = {
  external_contact_id: "",
  first_name: "",
  last_name: "",
  phone_number: "",
  email: "",
};
const EMPTY_STATION: StationText = { external_monitoring_station_id: "", name: "", prefix: "", linecard: "" };

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
