"use client";
import { useRouter } from "next/navigation";
import { Input } from "@/components/ui";
import { FormFooter } from "@/components/forms/form-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { ExternalIdField } from "@/components/forms/external-id-field";
import { generateExternalId } from "@/lib/external-id";
import type { ActionFn } from "@/components/forms/action-result";
import { contactChangesSchema, createContactSchema } from "@/lib/schemas/contact";

export type ContactFormValues = {
  external_contact_id: string;
  first_name: string;
  last_name: string;
  phone_number: string;
  email: string;
};
export const EMPTY_CONTACT: ContactFormValues = {
  external_contact_id: "",
  first_name: "",
  last_name: "",
  phone_number: "",
  email: "",
};
type Result = { contact_id: number; site_id: number };

export type ContactFormProps = {
  siteId: number;
  initial: ContactFormValues;
} & (
  | { mode: "create"; action: ActionFn<ContactFormValues & { site_id: number }, Result> }
  | {
      mode: "update";
      contactId: number;
      action: ActionFn<Partial<ContactFormValues> & { site_id: number; contact_id: number }, Result>;
    }
);

const contactId = (v: ContactFormValues) => generateExternalId("contact", `${v.first_name} ${v.last_name}`);

/** A site contact. The phone is normalised to E.164 and the email checked before anything is sent. */
export function ContactForm(props: ContactFormProps) {
  const router = useRouter();
  const send = (v: Partial<ContactFormValues>) =>
    props.mode === "update"
      ? props.action({ ...v, site_id: props.siteId, contact_id: props.contactId })
      : props.action({ ...EMPTY_CONTACT, ...v, site_id: props.siteId });
  const form = useActionForm<ContactFormValues, Partial<ContactFormValues>, Result>({
    initial: props.initial,
    mode: props.mode,
    guardUnsaved: true,
    schema: props.mode === "create" ? createContactSchema : contactChangesSchema,
    prepare: (v) => (v.external_contact_id.trim() ? v : { ...v, external_contact_id: contactId(v) }),
    action: send,
    toInput: (v) => v,
    successMessage: () => (props.mode === "create" ? "Contact added" : "Contact saved"),
    onSuccess: () => {
      router.push(`/sites/${props.siteId}`);
      router.refresh();
    },
  });
  const f = form.field;
  return (
    <form
      ref={form.formRef}
      onSubmit={form.onSubmit}
      noValidate
      className="max-w-2xl space-y-5"
      aria-busy={form.pending}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="First name" required {...f("first_name")} maxLength={60} autoComplete="off" />
        <Input label="Last name" required {...f("last_name")} maxLength={60} autoComplete="off" />
        <Input
          label="Phone"
          type="tel"
          {...f("phone_number")}
          placeholder="+1 212 555 0143"
          hint="Any format; saved in international form (E.164). Numbers without +country are read as US."
        />
        <Input label="Email" type="email" {...f("email")} placeholder="name@example.com" />
        <ExternalIdField
          label="Contact ID (yours)"
          required
          {...f("external_contact_id")}
          uniqueAmong="this dealer's contacts"
          onGenerate={
            props.mode === "create" ? () => form.set("external_contact_id", contactId(form.values)) : undefined
          }
        />
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
