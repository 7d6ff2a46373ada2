"use client";
import { Button, Input } from "@/components/ui";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { setDealerSecretsAction } from "@/actions/settings";
import { setDealerSecretsSchema } from "@/lib/settings/schemas";

const EMPTY = { apiKey: "", webhookSecret: "" };
const saved = (d: { saved: string[] } | undefined) => `Saved: ${d?.saved.join(", ")}`;
/** The two write-only values: each a password field that replaces the stored one, and its Clear button. */
const SECRETS = [
  { field: "apiKey", label: "New API key", placeholder: "chekt_live_…", noun: "key" },
  { field: "webhookSecret", label: "New webhook signing secret", placeholder: "whsec_…", noun: "secret" },
] as const;

/**
 * Write-only: the fields start empty and are cleared after saving; the page never receives the
 * stored values, only their masked form.
 */
export function DealerSecretsForm({
  dealerLinkId,
  hasOwnKey,
  hasOwnSecret,
}: {
  dealerLinkId: string;
  hasOwnKey: boolean;
  hasOwnSecret: boolean;
}) {
  const form = useActionForm({
    initial: EMPTY,
    schema: setDealerSecretsSchema,
    action: setDealerSecretsAction,
    toInput: (v) => ({ ...EMPTY, ...v, dealerLinkId }),
    successMessage: saved,
    resetOnSuccess: true,
  });
  // Clearing a stored value sends no field, so it is a one-shot action beside the form.
  const clear = useActionRunner(setDealerSecretsAction);
  const clearOne = (which: "apiKey" | "webhookSecret") =>
    void clear.run(
      { dealerLinkId, clearApiKey: which === "apiKey", clearWebhookSecret: which === "webhookSecret" },
      saved,
    );
  const pending = form.pending || clear.pending;
  const stored = { apiKey: hasOwnKey, webhookSecret: hasOwnSecret };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" autoComplete="off" aria-busy={pending}>
      {SECRETS.map((s) => (
        <Input
          key={s.field}
          label={s.label}
          type="password"
          autoComplete="off"
          placeholder={s.placeholder}
          hint={`Replaces the stored ${s.noun}. Leave empty to keep it.`}
          {...form.field(s.field)}
        />
      ))}
      <FormFailure failure={form.failure ?? clear.failure} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={form.pending} pendingText="Saving…">
          Save secrets
        </Button>
        {SECRETS.map((s) =>
          stored[s.field] ? (
            <Button key={s.field} variant="secondary" disabled={pending} onClick={() => clearOne(s.field)}>
              {`Clear stored ${s.noun}`}
            </Button>
          ) : null,
        )}
      </div>
    </form>
  );
}
