import { z } from "zod";
import { chektId, externalId, optionalEmail, optionalPhone, requiredText } from "./fields";

export const contactFields = {
  external_contact_id: externalId("Contact ID"),
  first_name: requiredText("First name", 60),
  last_name: requiredText("Last name", 60),
  phone_number: optionalPhone("Phone"),
  email: optionalEmail("Email"),
};
export const createContactSchema = z.object(contactFields);
export type CreateContactInput = z.input<typeof createContactSchema>;

export const contactIdSchema = z.object({ site_id: chektId("Site"), contact_id: chektId("Contact") });
