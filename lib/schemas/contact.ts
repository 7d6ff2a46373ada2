import { z } from "zod";
import type { CreateContactDto, UpdateContactDto } from "./contract";
import {
  chektId,
  editableSchemas,
  externalId,
  optionalEmail,
  optionalPhone,
  requiredText,
  type TextOf,
} from "./fields";

export const contactFields = {
  external_contact_id: externalId("Contact ID"),
  first_name: requiredText("First name", 60),
  last_name: requiredText("Last name", 60),
  phone_number: optionalPhone("Phone"),
  email: optionalEmail("Email"),
};
/** A contact's fields as the contact form and an imported sheet row hold them: text. */
export type ContactText = TextOf<typeof contactFields>;

export const siteRefSchema = z.object({ site_id: chektId("Site") });
export const contactIdSchema = siteRefSchema.extend({ contact_id: chektId("Contact") });
export const {
  empty: EMPTY_CONTACT,
  create: createContactSchema,
  changes: contactChangesSchema,
  update: updateContactSchema,
} = editableSchemas<CreateContactDto, UpdateContactDto>()(contactFields, contactIdSchema, true);
/** What the create action takes: the contact's site, then its fields. */
export const createContactInputSchema = siteRefSchema.extend(contactFields);
