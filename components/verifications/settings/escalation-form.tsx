"use client";
import { Input } from "@/components/ui";
import { SettingsForm } from "@/components/forms/form-actions";
import { useInputForm } from "@/components/forms/use-action-form";
import { saveEscalationSettingsAction } from "@/actions/escalation";
import { escalationSettingsSchema } from "@/lib/verifications/escalation-schema";
import type { EscalationSettings } from "@/lib/verifications/escalation";

/** N and M for the current dealer (admins). The queue picks them up on its next load. */
export function EscalationSettingsForm({ initial }: { initial: EscalationSettings }) {
  const form = useInputForm({
    initial: {
      unclaimedSeconds: String(initial.unclaimedSeconds),
      remainingSeconds: String(initial.remainingSeconds),
    },
    schema: escalationSettingsSchema,
    action: saveEscalationSettingsAction,
    successMessage: "Escalation settings saved",
  });
  const f = form.field;
  return (
    <SettingsForm form={form}>
      <Input
        label="Escalate an alarm unclaimed for (seconds)"
        inputMode="numeric"
        hint="Nobody has claimed it for this long: louder sound, a desktop notification and the admins' banner."
        required
        {...f("unclaimedSeconds")}
      />
      <Input
        label="Escalate an alarm with less time left than (seconds)"
        inputMode="numeric"
        hint="Claimed or not. The row also turns red below this; amber once less than half its time is left."
        required
        {...f("remainingSeconds")}
      />
    </SettingsForm>
  );
}
