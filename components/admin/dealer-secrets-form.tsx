"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert, Button, Input } from "@/components/ui";
import { setDealerSecretsAction } from "@/actions/settings";
import { failureOf, withTrace, type Failure } from "./action-result";

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
  const [failure, setFailure] = useState<Failure>(null);
  const [pending, start] = useTransition();
  const [formKey, setFormKey] = useState(0);

  const submit = (form: FormData, clear?: "apiKey" | "webhookSecret") =>
    start(async () => {
      setFailure(null);
      const result = await setDealerSecretsAction({
        dealerLinkId,
        apiKey: clear ? "" : String(form.get("apiKey") ?? ""),
        webhookSecret: clear ? "" : String(form.get("webhookSecret") ?? ""),
        clearApiKey: clear === "apiKey",
        clearWebhookSecret: clear === "webhookSecret",
      });
      const f = failureOf(result);
      if (f) return setFailure(f);
      toast.success(`Saved: ${result.data?.saved.join(", ")}`);
      setFormKey((k) => k + 1);
    });

  return (
    <form
      key={formKey}
      onSubmit={(e) => {
        // Not `action=`: React resets a form after an action, which would wipe what was typed
        // when the server refuses it.
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }}
      className="space-y-3"
      autoComplete="off"
    >
      {failure ? <Alert tone="danger">{withTrace(failure)}</Alert> : null}
      <Input
        label="New API key"
        name="apiKey"
        type="password"
        autoComplete="off"
        placeholder="chekt_live_…"
        error={failure?.fieldErrors.apiKey}
        hint="Replaces the stored key. Leave empty to keep it."
      />
      <Input
        label="New webhook signing secret"
        name="webhookSecret"
        type="password"
        autoComplete="off"
        placeholder="whsec_…"
        error={failure?.fieldErrors.webhookSecret}
        hint="Replaces the stored secret. Leave empty to keep it."
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending} pendingText="Saving…">
          Save secrets
        </Button>
        {hasOwnKey ? (
          <Button variant="secondary" disabled={pending} onClick={() => submit(new FormData(), "apiKey")}>
            Clear stored key
          </Button>
        ) : null}
        {hasOwnSecret ? (
          <Button variant="secondary" disabled={pending} onClick={() => submit(new FormData(), "webhookSecret")}>
            Clear stored secret
          </Button>
        ) : null}
      </div>
    </form>
  );
}
