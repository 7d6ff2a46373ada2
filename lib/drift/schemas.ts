import { z } from "zod";
import { chektId } from "@/lib/schemas/fields";

export const DRIFT_KINDS = ["dealer", "site", "monitoring_station", "contact", "device"] as const;

const chektInt = chektId("The CHeKT ID");

export const driftCheckSchema = z.object({ dealerLinkId: z.string().min(1, "Choose a dealer") });

/** Point a mapping (of the dealer named) at the CHeKT object with this id (its external id is read from CHeKT). */
export const relinkSchema = z.object({
  dealerLinkId: z.string().min(1, "Choose a dealer"),
  mappingId: z.string().min(1, "Choose a mapping"),
  chektId: chektInt,
});

/** Create a mapping for a CHeKT object we have none for. */
export const linkSchema = z.object({
  dealerLinkId: z.string().min(1, "Choose a dealer"),
  kind: z.enum(DRIFT_KINDS, { message: "Unknown object kind" }),
  chektId: chektInt,
  parentChektId: chektInt.nullable().optional(),
});

export const forgetSchema = z.object({
  dealerLinkId: z.string().min(1, "Choose a dealer"),
  mappingId: z.string().min(1, "Choose a mapping"),
});
