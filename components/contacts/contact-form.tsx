"use client";
import { Input } from "@/components/ui";
import { ActionFormLayout } from "@/components/forms/form-actions";
import type { ActionForm } from "@/components/forms/use-action-form";
import { useObjectForm } from "@/components/forms/use-object-form";
import { fillExternalId, FormExternalIdField, type ExternalIdRule } from "@/components/forms/external-id-field";
import { createContactAction, updateContactAction } from "@/actions/contacts";
import { contactChangesSchema, createContactSchema, EMPTY_CONTACT, type ContactText } from "@/lib/schemas/contact";

export type ContactFormValues = ContactText;
export type ContactFormProps = { siteId: number; initial: ContactFormValues } & (
  { mode: "create" } | { mode: "update"; contactId: number }
);

const CONTACT_ID: ExternalIdRule<ContactFormValues> = {
  field: "external_contact_id",
  kind: "contact",
  nameOf: (v) => `${v.first_name} ${v.last_name}`,
};

/** A site contact. The phone is normalised to E.164 and the email checked before anything is sent. */
export function ContactForm(props: ContactFormProps) {
  // Each mode runs its own action (imported here) with its own input type.
  return props.mode === "create" ? (
    <CreateContactForm initial={props.initial} siteId={props.siteId} />
  ) : (
    <EditContactForm initial={props.initial} siteId={props.siteId} contactId={props.contactId} />
  );
}

function CreateContactForm({ initial, siteId }: { initial: ContactFormValues; siteId: number }) {
  const form = useObjectForm(initial, {
    mode: "create",
    schema: createContactSchema,
    prepare: fillExternalId(CONTACT_ID),
    action: createContactAction,
    toInput: (v) => ({ ...EMPTY_CONTACT, ...v, site_id: siteId }),
    successMessage: "Contact added",
    next: () => `/sites/${siteId}`,
  });
  return <ContactFields form={form} mode="create" siteId={siteId} />;
}

function EditContactForm(props: { initial: ContactFormValues; siteId: number; contactId: number }) {
  const form = useObjectForm(props.initial, {
    mode: "update",
    schema: contactChangesSchema,
    action: updateContactAction,
    toInput: (v) => ({ ...v, site_id: props.siteId, contact_id: props.contactId }),
    successMessage: "Contact saved",
    next: () => `/sites/${props.siteId}`,
  });
  return <ContactFields form={form} mode="update" siteId={props.siteId} />;
}

function ContactFields(props: { form: ActionForm<ContactFormValues>; mode: "create" | "update"; siteId: number }) {
  const { form } = props;
  const f = form.field;
  return (
    <ActionFormLayout
      form={form}
      className="max-w-2xl"
      submitLabel={props.mode === "create" ? "Add contact" : "Save contact"}
      pendingLabel="Saving…"
      cancelHref={`/sites/${props.siteId}`}
    >
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
      <FormExternalIdField form={form} rule={CONTACT_ID} create={props.mode === "create"} />
    </ActionFormLayout>
  );
}
