// Site forms and actions. Field names are CHeKT's, so a 400 naming a field lands beside that field.
import { z } from "zod";
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

export const siteIdSchema = z.object({ site_id: chektId("Site") });
export const {
  empty: EMPTY_SITE,
  create: createSiteSchema,
  changes: siteChangesSchema,
  update: updateSiteSchema,
} = editableSchemas<CreateSiteDto, UpdateSiteDto>()(siteFields, siteIdSchema, true);

export const siteActivationSchema = siteIdSchema.extend({ is_activated: z.union([z.literal(0), z.literal(1)]) });
