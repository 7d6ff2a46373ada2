import { z } from "zod";
import type { ConnectDealerDto, UpdateDealerDto } from "./contract";
import {
  changesSchema,
  externalId,
  editSchema,
  optionalEmail,
  optionalPhone,
  optionalText,
  requiredText,
  assertSameKeys,
} from "./fields";

export const dealerFields = {
  company_name: requiredText("Company name", 120),
  company_address1: optionalText("Address", 200),
  company_address2: optionalText("Address line 2", 200),
  company_email: optionalEmail("Email"),
  company_phone_number: optionalPhone("Phone"),
};

/** A dealer profile edit: only what changed; an emptied optional field is cleared. */
export const dealerChangesSchema = changesSchema(dealerFields) satisfies z.ZodType<UpdateDealerDto>;
export const updateDealerSchema = editSchema(z.object({}), dealerChangesSchema);

/** What an admin types before being sent to CHeKT to approve the link. */
export const connectDealerSchema = z.object({
  external_dealer_id: externalId("Dealer ID"),
  company_name: requiredText("Company name", 120),
}) satisfies z.ZodType<ConnectDealerDto>;

assertSameKeys<z.output<typeof connectDealerSchema>, ConnectDealerDto>(true);
assertSameKeys<z.output<typeof dealerChangesSchema>, UpdateDealerDto>(true);
