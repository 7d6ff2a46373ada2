"use client";
import { useRouter } from "next/navigation";
import { Input } from "@/components/ui";
import { ActionFormLayout } from "@/components/forms/form-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { updateDealerAction } from "@/actions/dealer";
import { dealerChangesSchema } from "@/lib/schemas/dealer";

export type DealerFormValues = {
  company_name: string;
  company_address1: string;
  company_address2: string;
  company_email: string;
  company_phone_number: string;
};

/** The dealer's company details in CHeKT (admins only). Sends only what changed. */
export function DealerForm({ initial }: { initial: DealerFormValues }) {
  const router = useRouter();
  const form = useActionForm({
    initial,
    mode: "update",
    schema: dealerChangesSchema,
    action: updateDealerAction,
    toInput: (v) => v,
    successMessage: "Dealer profile saved",
    onSuccess: () => router.refresh(),
  });
  const f = form.field;
  return (
    <ActionFormLayout form={form} submitLabel="Save profile" pendingLabel="Saving…" cancelHref="/dealer">
      <Input label="Company name" required {...f("company_name")} maxLength={120} wrapperClassName="sm:col-span-2" />
      <Input label="Address" {...f("company_address1")} maxLength={200} />
      <Input label="Address line 2" {...f("company_address2")} maxLength={200} placeholder="Suite, floor" />
      <Input label="Email" type="email" {...f("company_email")} />
      <Input label="Phone" type="tel" {...f("company_phone_number")} hint="Saved in international form (E.164)." />
    </ActionFormLayout>
  );
}
