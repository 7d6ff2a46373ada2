import { z } from "zod";
import type { SecurityTypeDto, UpdateArmingSettingDto } from "./contract";
import { chektId } from "./fields";

/** CHeKT's four security types, in the words a dealer uses with a customer. */
export const SECURITY_TYPES = [
  {
    value: 1,
    title: "Alarm panel — primary bridge",
    summary: "The customer arms and disarms with their alarm panel keypad or app.",
    detail:
      "One CHeKT bridge is wired to the panel and tells every camera at the site whether the panel is " +
      "armed. Pick this when the site has one panel and one bridge connected to it.",
  },
  {
    value: 2,
    title: "Alarm panel — individual bridges",
    summary: "The alarm panel arms and disarms, and each bridge follows its own panel connection.",
    detail:
      "Every bridge reads the arming state from the panel (or partition) it is wired to, so parts of the " +
      "site can be armed separately. Pick this for larger sites with several bridges or partitions.",
  },
  {
    value: 3,
    title: "CHeKT video security system",
    summary: "CHeKT itself arms and disarms the cameras — no alarm panel needed.",
    detail:
      "The customer arms from the CHeKT app or by schedule, and cameras alone raise alarms. Pick this for " +
      "video-only sites.",
  },
  {
    value: 4,
    title: "External security system",
    summary: "Another system, such as Alarm.com, tells CHeKT when the site is armed.",
    detail:
      "CHeKT follows the arming state reported by a third-party platform. Pick this when the customer " +
      "already manages arming in that system.",
  },
] as const;
export type SecurityType = (typeof SECURITY_TYPES)[number]["value"];

export function securityTypeLabel(value: number | null | undefined): string {
  return SECURITY_TYPES.find((t) => t.value === value)?.title ?? "Not set";
}

export const setArmingSchema = z.object({
  site_id: chektId("Site"),
  security_type: z.coerce
    .number({ error: "Choose a security type" })
    .int()
    .refine((n): n is SecurityTypeDto => n >= 1 && n <= 4, "Choose one of the four security types"),
});
// The four types here are exactly CHeKT's.
const sameTypes: [SecurityType] extends [SecurityTypeDto]
  ? [SecurityTypeDto] extends [SecurityType]
    ? true
    : false
  : false = true;
void sameTypes;
export const armingBodySchema = setArmingSchema.pick({
  security_type: true,
}) satisfies z.ZodType<UpdateArmingSettingDto>;
