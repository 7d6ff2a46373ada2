// Site forms and actions. Field names are CHeKT's, so a 400 naming a field lands beside that field.
import { z } from "zod";
import { accountNumberOf } from "@/lib/readiness/account-number";
import type { CreateSiteDto, UpdateSiteDto } from "./contract";
import {
  chektId,
  editableSchemas,
  externalId,
  optionalChektId,
  optionalText,
  requiredText,
  timeZone,
  type TextOf,
} from "./fields";

export const siteFields = {
  external_site_id: externalId("Site ID"),
  name: requiredText("Name", 120),
  timezone: timeZone(),
  monitoring_station_id: optionalChektId("Monitoring station"),
  account_number: optionalText("Account number", 32),
  address1: optionalText("Address", 200),
  address2: optionalText("Address line 2", 200),
};

/**
 * A site's fields as the site form and an imported sheet row hold them: text (the station's id as
 * text, "" for none), before the schema parses them.
 */
export type SiteText = TextOf<typeof siteFields>;

/**
 * An account number is how the monitoring station knows the site: without a station it routes
 * nothing, and readiness fails the site. The create schema (the form's and each sheet row's) and
 * an edit (lib/readiness/account.ts, which knows the site's current station) refuse it, in these words.
 */
export const ACCOUNT_NEEDS_STATION = "An account number needs its monitoring station";

/** True when a site would hold an account number (blanks are none) and no monitoring station. */
export function accountWithoutStation(site: {
  monitoring_station_id?: number | null;
  account_number?: string | null;
}): boolean {
  return !site.monitoring_station_id && accountNumberOf(site.account_number) !== null;
}

export const siteIdSchema = z.object({ site_id: chektId("Site") });
const site = editableSchemas<CreateSiteDto, UpdateSiteDto>()(siteFields, siteIdSchema, true);
export const { empty: EMPTY_SITE, changes: siteChangesSchema, update: updateSiteSchema } = site;
// The message goes on the station: the field that is missing. It is checked even when another
// field fails, so a sheet row lists every problem at once.
export const createSiteSchema = site.create.refine((v) => !accountWithoutStation(v), {
  message: ACCOUNT_NEEDS_STATION,
  path: ["monitoring_station_id"],
});

export const siteActivationSchema = siteIdSchema.extend({ is_activated: z.union([z.literal(0), z.literal(1)]) });
