import { z } from "zod";
import { externalId, optionalEmail, optionalPhone, optionalText, requiredText } from "./fields";

export const dealerFields = {
  company_name: requiredText("Company name", 120),
  company_address1: optionalText("Address", 200),
  company_address2: optionalText("Address line 2", 200),
  company_email: optionalEmail("Email"),
  company_phone_number: optionalPhone("Phone"),
};

/** What an admin types before being sent to CHeKT to approve the link. */
export const connectDealerSchema = z.object({
  external_dealer_id: externalId("Dealer ID"),
  company_name: requiredText("Company name", 120),
});
export type ConnectDealerInput = z.input<typeof connectDealerSchema>;
