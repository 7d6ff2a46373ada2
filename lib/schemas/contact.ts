import { z } from "zod";
import type { CreateContactDto, UpdateContactDto } from "./contract";
import {
  chektId,
  clearable,
  externalId,
  editSchema,
  optionalEmail,
  optionalPhone,
  requiredText,
  assertSameKeys,
} from "./fields";

export const contactFields = {
  external_contact_id: externalId("Contact ID"),
  first_name: requiredText("First name", 60),
  last_name: requiredText("Last name", 60),
  phone_number: optionalPhone("Phone"),
  email: optionalEmail("Email"),
};
/** A contact's fields as the contact form and an imported sheet row hold them: text. */
export type ContactText = { [K in keyof typeof contactFields]: string };
/** What the create form starts from, and what it sends for a field left empty. */
export const EMPTY_CONTACT: ContactText = {
  external_contact_id: "",
  first_name: "",
  last_name: "",
  phone_number: "",
  email: "",
};

export const createContactSchema = z.object(contactFields) satisfies z.ZodType<CreateContactDto>;

export const contactChangesSchema = z
  .object(contactFields)
  .partial()
  .extend({
    phone_number: clearable(contactFields.phone_number),
    email: clearable(contactFields.email),
  }) satisfies z.ZodType<UpdateContactDto>;

export const siteRefSchema = z.object({ site_id: chektId("Site") });
export const contactIdSchema = siteRefSchema.extend({ contact_id: chektId("Contact") });
export const createContactInputSchema = siteRefSchema.extend(contactFields);
export type CreateContactInput = z.input<typeof createContactInputSchema>;
export const updateContactSchema = editSchema(contactIdSchema, contactChangesSchema);
export type UpdateContactInput = z.input<typeof updateContactSchema>;

assertSameKeys<z.output<typeof createContactSchema>, CreateContactDto>(true);
assertSameKeys<z.output<typeof contactChangesSchema>, UpdateContactDto>(true);
