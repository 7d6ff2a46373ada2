"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert, Button, Input, Textarea } from "@/components/ui";
import { saveFleetSettingsAction } from "@/actions/fleet-settings";
import { failureOf, withTrace, type Failure } from "@/components/admin/action-result";

export type FleetSettingsView = {
  offlineThresholdMin: number;
  smtpHost: string;
  smtpPort: string;
  smtpUser: string;
  smtpFrom: string;
  smtpRecipients: string;
  hasPassword: boolean;
};

/** The threshold and SMTP form. The stored password never comes to the browser: only whether one is set. */
export function FleetSettingsForm({ initial }: { initial: FleetSettingsView }) {
  const [failure, setFailure] = useState<Failure>(null);
  const [pending, start] = useTransition();
  const submit = (form: FormData, clearSmtpPassword = false) =>
    start(async () => {
      setFailure(null);
      const s = (k: string) => String(form.get(k) ?? "");
      const result = await saveFleetSettingsAction({
        offlineThresholdMin: s("offlineThresholdMin"),
        smtpHost: s("smtpHost"),
        smtpPort: s("smtpPort"),
        smtpUser: s("smtpUser"),
        smtpPassword: s("smtpPassword"),
        clearSmtpPassword,
        smtpFrom: s("smtpFrom"),
        smtpRecipients: s("smtpRecipients"),
      });
      const f = failureOf(result);
      if (f) return setFailure(f);
      toast.success("Fleet settings saved");
    });
  const err = (k: string) => failure?.fieldErrors[k];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }}
      className="max-w-xl space-y-4"
      autoComplete="off"
    >
      {failure ? <Alert tone="danger">{withTrace(failure)}</Alert> : null}
      <Input
        label="Offline alert threshold (minutes)"
        name="offlineThresholdMin"
        inputMode="numeric"
        defaultValue={String(initial.offlineThresholdMin)}
        error={err("offlineThresholdMin")}
        hint="A device offline longer than this raises an alert and makes its site not ready."
        required
      />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Email alerts (optional)</legend>
        <Input
          label="SMTP host"
          name="smtpHost"
          defaultValue={initial.smtpHost}
          placeholder="smtp.example.com"
          error={err("smtpHost")}
          hint="Leave empty for no email."
        />
        <Input
          label="SMTP port"
          name="smtpPort"
          inputMode="numeric"
          defaultValue={initial.smtpPort}
          placeholder="587"
          error={err("smtpPort")}
        />
        <Input label="SMTP user" name="smtpUser" defaultValue={initial.smtpUser} error={err("smtpUser")} />
        <Input
          label="SMTP password"
          name="smtpPassword"
          type="password"
          autoComplete="new-password"
          error={err("smtpPassword")}
          hint={initial.hasPassword ? "A password is stored (encrypted). Leave empty to keep it." : "Stored encrypted."}
        />
        <Input
          label="From"
          name="smtpFrom"
          type="email"
          defaultValue={initial.smtpFrom}
          placeholder="alerts@example.com"
          error={err("smtpFrom")}
        />
        <Textarea
          label="Recipients"
          name="smtpRecipients"
          rows={3}
          defaultValue={initial.smtpRecipients}
          placeholder="ops@example.com, oncall@example.com"
          error={err("smtpRecipients")}
          hint="Separated by commas or new lines."
        />
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending} pendingText="Saving…">
          Save
        </Button>
        {initial.hasPassword ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={(e) => submit(new FormData(e.currentTarget.form ?? undefined), true)}
          >
            Save and forget the password
          </Button>
        ) : null}
      </div>
    </form>
  );
}
