"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert, Button, Input } from "@/components/ui";
import { failureOf, withTrace, type Failure } from "@/components/admin/action-result";
import { saveEscalationSettingsAction } from "@/actions/escalation";
import type { EscalationSettings } from "@/lib/verifications/escalation";

/** N and M for the current dealer (admins). The queue picks them up on its next load. */
export function EscalationSettingsForm({ initial }: { initial: EscalationSettings }) {
  const [failure, setFailure] = useState<Failure>(null);
  const [pending, start] = useTransition();
  const err = (k: string) => failure?.fieldErrors[k];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        start(async () => {
          setFailure(null);
          const result = await saveEscalationSettingsAction({
            unclaimedSeconds: String(form.get("unclaimedSeconds") ?? ""),
            remainingSeconds: String(form.get("remainingSeconds") ?? ""),
          });
          const f = failureOf(result);
          if (f) return setFailure(f);
          toast.success("Escalation settings saved");
        });
      }}
      className="max-w-xl space-y-4"
      autoComplete="off"
    >
      {failure ? <Alert tone="danger">{withTrace(failure)}</Alert> : null}
      <Input
        label="Escalate an alarm unclaimed for (seconds)"
        name="unclaimedSeconds"
        inputMode="numeric"
        defaultValue={String(initial.unclaimedSeconds)}
        error={err("unclaimedSeconds")}
        hint="Nobody has claimed it for this long: louder sound, a desktop notification and the admins' banner."
        required
      />
      <Input
        label="Escalate an alarm with less time left than (seconds)"
        name="remainingSeconds"
        inputMode="numeric"
        defaultValue={String(initial.remainingSeconds)}
        error={err("remainingSeconds")}
        hint="Claimed or not. The row also turns red below this; amber once less than half its time is left."
        required
      />
      <Button type="submit" pending={pending} pendingText="Saving…">
        Save
      </Button>
    </form>
  );
}
