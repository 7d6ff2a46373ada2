// Site forms and actions. Field names are CHeKT's, so a 400 naming a field lands beside that field.
import { z } from "zod";
import { chektId, externalId, optionalChektId, optionalText, requiredText, timeZone } from "./fields";

export const siteFields = {
  external_site_id: externalId("Site ID"),
  name: requiredText("Name", 120),
  timezone: timeZone(),
  monitoring_station_id: optionalChektId("Monitoring station"),
  account_number: optionalText("Account number", 32),
  address1: optionalText("Address", 200),
  address2: optionalText("Address line 2", 200),
};

export const createSiteSchema = z.object(siteFields);
export type CreateSiteInput = z.input<typeof createSiteSchema>;

export const siteIdSchema = z.object({ site_id: chektId("Site") });
