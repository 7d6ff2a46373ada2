"use client";
import { Button, Input, Textarea } from "@/components/ui";
import { SettingsForm } from "@/components/forms/form-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { saveFleetSettingsAction } from "@/actions/fleet-settings";
import { fleetSettingsSchema } from "@/lib/fleet/settings-schema";

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
  const start = {
    offlineThresholdMin: String(initial.offlineThresholdMin),
    smtpHost: initial.smtpHost,
    smtpPort: initial.smtpPort,
    smtpUser: initial.smtpUser,
    smtpPassword: "",
    smtpFrom: initial.smtpFrom,
    smtpRecipients: initial.smtpRecipients,
  };
  const form = useActionForm({
    initial: start,
    schema: fleetSettingsSchema,
    action: saveFleetSettingsAction,
    // The whole form is sent (PUT of the settings row); the second button also forgets the password.
    toInput: (v, intent) => ({ ...start, ...v, clearSmtpPassword: intent === "forget-password" }),
    successMessage: "Fleet settings saved",
  });
  const f = form.field;
  return (
    <SettingsForm
      form={form}
      extra={
        initial.hasPassword ? (
          <Button type="submit" name="intent" value="forget-password" variant="secondary" disabled={form.pending}>
            Save and forget the password
          </Button>
        ) : null
      }
    >
      <Input
        label="Offline alert threshold (minutes)"
        inputMode="numeric"
        hint="A device offline longer than this raises an alert and makes its site not ready."
        required
        {...f("offlineThresholdMin")}
      />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Email alerts (optional)</legend>
        <Input label="SMTP host" placeholder="smtp.example.com" hint="Leave empty for no email." {...f("smtpHost")} />
        <Input label="SMTP port" inputMode="numeric" placeholder="587" {...f("smtpPort")} />
        <Input label="SMTP user" {...f("smtpUser")} />
        <Input
          label="SMTP password"
          type="password"
          autoComplete="new-password"
          hint={
            initial.hasPassword
              ? "A password is stored (encrypted). Leave empty to keep it while the host and user stay the same; " +
                "for a new host or user, enter it again."
              : "Stored encrypted."
          }
          {...f("smtpPassword")}
        />
        <Input label="From" type="email" placeholder="alerts@example.com" {...f("smtpFrom")} />
        <Textarea
          label="Recipients"
          rows={3}
          placeholder="ops@example.com, oncall@example.com"
          hint="Separated by commas or new lines."
          {...f("smtpRecipients")}
        />
      </fieldset>
    </SettingsForm>
  );
}
