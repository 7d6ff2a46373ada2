import { z } from "zod";
import type { CreateContactDto, UpdateContactDto } from "./contract";
import {
  chektId,
  changesSchema,
  externalId,
  editSchema,
  optionalEmail,
  optionalPhone,
  requiredText,
  assertSameKeys,
  emptyText,
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
export const EMPTY_CONTACT: ContactText = emptyText(contactFields);

export const createContactSchema = z.object(contactFields) satisfies z.ZodType<CreateContactDto>;

export const contactChangesSchema = changesSchema(contactFields) satisfies z.ZodType<UpdateContactDto>;

export const siteRefSchema = z.object({ site_id: chektId("Site") });
export const contactIdSchema = siteRefSchema.extend({ contact_id: chektId("Contact") });
export const createContactInputSchema = siteRefSchema.extend(contactFields);
export type CreateContactInput = z.input<typeof createContactInputSchema>;
export const updateContactSchema = editSchema(contactIdSchema, contactChangesSchema);
export type UpdateContactInput = z.input<typeof updateContactSchema>;

assertSameKeys<z.output<typeof createContactSchema>, CreateContactDto>(true);
assertSameKeys<z.output<typeof contactChangesSchema>, UpdateContactDto>(true);
