// The common case of an imported row, accepted without building a zod parse for it. A 10,000-row
// sheet runs the site schema once and the contact schema twice a row; zod's per-parse contexts,
// issue lists and result objects were most of the review's time and most of its garbage. These
// checks accept only what the forms' schemas (lib/schemas/site.ts, contact.ts, fields.ts) accept
// and give the same output; anything they are not sure of returns null, and validate.ts then runs
// the schema itself, so every message a user sees still comes from the forms' own rules.
// tests/unit/import-fast-check.test.ts holds the two to the same answers.
import { z } from "zod";
import type { ContactDto, SiteDto } from "./validate";
import type { ContactText } from "@/lib/schemas/contact";
import { accountWithoutStation, type SiteText } from "@/lib/schemas/site";
import { EMAIL_MAX_LENGTH } from "@/lib/chekt/contract-lists";
import { isExternalId } from "@/lib/external-id";
import { importPhone } from "./phone";

const DIGITS = /^\d+$/;
// z.email()'s own pattern (lib/schemas/fields.ts builds its EMAIL from z.email()).
const EMAIL = z.regexes.email;

/** A string zod's .trim() would leave as it is: a cell read through validate.ts's cell() is one. */
const trimmed = (s: string) => s.length === 0 || s.trim().length === s.length;

function externalIdOk(s: string) {
  return s.length >= 1 && trimmed(s) && isExternalId(s);
}
function requiredOk(s: string, max: number) {
  return s.length >= 1 && s.length <= max && trimmed(s);
}
/** optionalText: "" is "not given"; returns false when the schema might say otherwise. */
function optionalOk(s: string, max: number) {
  return s.length <= max && trimmed(s);
}

export type SiteCells = SiteText;

/**
 * The site schema's output for cells it surely accepts, else null. `zoneOk` is the time zone rule
 * (isValidTimeZone), passed in so validate.ts can answer it once per distinct cell.
 */
export function fastSite(c: SiteCells, zoneOk: (zone: string) => boolean): SiteDto | null {
  if (!externalIdOk(c.external_site_id) || !requiredOk(c.name, 120)) return null;
  if (!requiredOk(c.timezone, Number.POSITIVE_INFINITY) || !zoneOk(c.timezone)) return null;
  let station: number | undefined;
  if (c.monitoring_station_id !== "") {
    if (!trimmed(c.monitoring_station_id) || !DIGITS.test(c.monitoring_station_id)) return null;
    station = Number(c.monitoring_station_id);
    if (!Number.isInteger(station) || station <= 0) return null;
  }
  if (!optionalOk(c.account_number, 32) || !optionalOk(c.address1, 200) || !optionalOk(c.address2, 200)) return null;
  // The schema's own message says what is missing.
  if (accountWithoutStation({ monitoring_station_id: station, account_number: c.account_number })) return null;
  return {
    external_site_id: c.external_site_id,
    name: c.name,
    timezone: c.timezone,
    monitoring_station_id: station,
    account_number: c.account_number || undefined,
    address1: c.address1 || undefined,
    address2: c.address2 || undefined,
  };
}

export type ContactCells = ContactText;

/** The import's contact schema's output for cells it surely accepts, else null. */
export function fastContact(c: ContactCells): ContactDto | null {
  if (!externalIdOk(c.external_contact_id)) return null;
  if (!requiredOk(c.first_name, 60) || !requiredOk(c.last_name, 60)) return null;
  let phone: string | undefined;
  if (c.phone_number !== "") {
    if (!trimmed(c.phone_number)) return null;
    phone = importPhone(c.phone_number) ?? undefined;
    if (phone === undefined) return null;
  }
  let email: string | undefined;
  if (c.email !== "") {
    if (!trimmed(c.email) || c.email.length > EMAIL_MAX_LENGTH || !EMAIL.test(c.email)) return null;
    email = c.email.toLowerCase();
  }
  return {
    external_contact_id: c.external_contact_id,
    first_name: c.first_name,
    last_name: c.last_name,
    phone_number: phone,
    email,
  };
}
