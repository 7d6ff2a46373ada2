import { z } from "zod";
import { MappingKind } from "@/lib/generated/prisma/enums";
import { chektId } from "@/lib/schemas/fields";

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
  kind: z.enum(MappingKind, { message: "Unknown object kind" }),
  chektId: chektInt,
  parentChektId: chektInt.nullable().optional(),
});

export const forgetSchema = z.object({
  dealerLinkId: z.string().min(1, "Choose a dealer"),
  mappingId: z.string().min(1, "Choose a mapping"),
});
