"use client";
import { useRouter } from "next/navigation";
import { Input } from "@/components/ui";
import { FormFooter } from "@/components/forms/form-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionFn } from "@/components/forms/action-result";
import { contactChangesSchema, createContactSchema } from "@/lib/schemas/contact";

export type ContactFormValues = { external_contact_id: string; first_name: string; last_name: string; phone_number: string; email: string };
export const EMPTY_CONTACT: ContactFormValues = { external_contact_id: "", first_name: "", last_name: "", phone_number: "", email: "" };
type Result = { contact_id: number; site_id: number };

export type ContactFormProps = {
  siteId: number;
  initial: ContactFormValues;
} & (
  | { mode: "create"; action: ActionFn<ContactFormValues & { site_id: number }, Result> }
  | { mode: "update"; contactId: number; action: ActionFn<Partial<ContactFormValues> & { site_id: number; contact_id: number }, Result> }
);

/** A site contact. The phone is normalised to E.164 and the email checked before anything is sent. */
export function ContactForm(props: ContactFormProps) {
  const router = useRouter();
  const form = useActionForm<ContactFormValues, never, Result>({
    initial: props.initial,
    mode: props.mode,
    schema: props.mode === "create" ? createContactSchema : contactChangesSchema,
    action: props.action as unknown as ActionFn<never, Result>,
    toInput: (v) => ({ ...v, site_id: props.siteId, ...(props.mode === "update" ? { contact_id: props.contactId } : {}) }) as never,
    successMessage: () => (props.mode === "create" ? "Contact added" : "Contact saved"),
    onSuccess: () => {
      router.push(`/sites/${props.siteId}`);
      router.refresh();
    },
  });
  const f = form.field;
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="max-w-2xl space-y-5" aria-busy={form.pending}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="First name" required {...f("first_name")} maxLength={60} autoComplete="off" />
        <Input label="Last name" required {...f("last_name")} maxLength={60} autoComplete="off" />
        <Input label="Phone" type="tel" {...f("phone_number")} placeholder="+1 212 555 0143" hint="Any format; saved in international form (E.164). Numbers without +country are read as US." />
        <Input label="Email" type="email" {...f("email")} placeholder="name@example.com" />
        <Input label="Contact ID (yours)" required {...f("external_contact_id")} maxLength={64} hint="Your own identifier, unique among this dealer's contacts." />
      </div>
      <FormFooter
        failure={form.failure}
        slow={form.slow}
        pending={form.pending}
        submitLabel={props.mode === "create" ? "Add contact" : "Save contact"}
        pendingLabel="Saving…"
        cancelHref={`/sites/${props.siteId}`}
      />
    </form>
  );
}
