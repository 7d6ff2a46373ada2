"use client";
import { Button, Input } from "@/components/ui";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { setDealerSecretsAction } from "@/actions/settings";
import { setDealerSecretsSchema } from "@/lib/settings/schemas";

const EMPTY = { apiKey: "", webhookSecret: "" };
const saved = (d: { saved: string[] } | undefined) => `Saved: ${d?.saved.join(", ")}`;

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
  const f = form.field;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" autoComplete="off" aria-busy={pending}>
      <Input
        label="New API key"
        type="password"
        autoComplete="off"
        placeholder="chekt_live_…"
        hint="Replaces the stored key. Leave empty to keep it."
        {...f("apiKey")}
      />
      <Input
        label="New webhook signing secret"
        type="password"
        autoComplete="off"
        placeholder="whsec_…"
        hint="Replaces the stored secret. Leave empty to keep it."
        {...f("webhookSecret")}
      />
      <FormFailure failure={form.failure ?? clear.failure} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={form.pending} pendingText="Saving…">
          Save secrets
        </Button>
        {hasOwnKey ? (
          <Button variant="secondary" disabled={pending} onClick={() => clearOne("apiKey")}>
            Clear stored key
          </Button>
        ) : null}
        {hasOwnSecret ? (
          <Button variant="secondary" disabled={pending} onClick={() => clearOne("webhookSecret")}>
            Clear stored secret
          </Button>
        ) : null}
      </div>
    </form>
  );
}
