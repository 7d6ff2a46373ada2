// The escalation settings form and its action (app/(console)/verifications/escalation): N and M in
// whole seconds. Browser-safe; shared by the form and the action.
import { z } from "zod";
import { ESCALATION_LIMITS } from "./escalation";

const seconds = (what: string) =>
  z.coerce
    .number({ error: `Enter ${what} in seconds` })
    .int("Whole seconds")
    .min(ESCALATION_LIMITS.min, `At least ${ESCALATION_LIMITS.min} seconds`)
    .max(ESCALATION_LIMITS.max, `At most ${ESCALATION_LIMITS.max} seconds (an hour)`);

export const escalationSettingsSchema = z.object({
  unclaimedSeconds: seconds("how long an alarm may wait unclaimed"),
  remainingSeconds: seconds("how much time left counts as running out"),
});
export type EscalationSettingsInput = z.infer<typeof escalationSettingsSchema>;
