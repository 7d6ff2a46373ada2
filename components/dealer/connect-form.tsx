"use client";
import { useState } from "react";
import { ExternalLink } from "lucide-react";
import { Button, Input } from "@/components/ui";
import { FormFailure, SlowNotice } from "@/components/forms/form-failure";
import { useInputForm } from "@/components/forms/use-action-form";
import { connectDealerSchema } from "@/lib/schemas/dealer";
import { startDealerConnectAction } from "@/actions/dealer";
import { yourIdLabel } from "@/lib/external-id";

/**
 * Starts connecting a dealer: our ID and the company name, then off to CHeKT's approval page
 * where the dealer's own admin signs in and approves. CHeKT sends them back to /api/dealers/callback.
 */
export function ConnectForm() {
  const [leaving, setLeaving] = useState(false);
  const form = useInputForm({
    initial: { external_dealer_id: "", company_name: "" },
    schema: connectDealerSchema,
    action: startDealerConnectAction,
    successMessage: "Opening CHeKT to approve the connection…",
    onSuccess: (d) => {
      if (!d?.url) return;
      setLeaving(true);
      window.location.assign(d.url);
    },
  });
  // The profile form on the same page has a company_name field too: ids must differ.
  const f = (key: "external_dealer_id" | "company_name") => ({ id: `connect-${key}`, ...form.field(key) });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-busy={form.pending || leaving}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Input
          label={yourIdLabel("dealer")}
          required
          {...f("external_dealer_id")}
          maxLength={64}
          placeholder="coastal-guard"
          hint="How this console names the dealer; also the key in its webhook URL."
        />
        <Input label="Company name" required {...f("company_name")} maxLength={120} placeholder="Coastal Guard" />
      </div>
      <FormFailure failure={form.failure} />
      <SlowNotice show={form.slow} />
      <Button
        type="submit"
        pending={form.pending || leaving}
        pendingText="Opening CHeKT…"
        icon={<ExternalLink className="h-4 w-4" aria-hidden="true" />}
      >
        Connect with CHeKT
      </Button>
    </form>
  );
}
