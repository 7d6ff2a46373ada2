"use client";
import { Input } from "@/components/ui";
import { ActionFormLayout, objectFormLabels } from "@/components/forms/form-actions";
import type { ActionForm } from "@/components/forms/use-action-form";
import type { FormMode } from "@/components/forms/form-values";
import { ObjectForm } from "@/components/forms/object-form";
import { createRun, editRun } from "@/components/forms/use-object-form";
import { FormExternalIdField, type ExternalIdRule } from "@/components/forms/external-id-field";
import { createContactAction, updateContactAction } from "@/actions/contacts";
import { contactChangesSchema, createContactSchema, type ContactText } from "@/lib/schemas/contact";

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
  const { initial, siteId } = props;
  const run = props.mode === "create" ? createContact(initial, siteId) : editContact(initial, siteId, props.contactId);
  return <ObjectForm run={run} fields={(form) => <ContactFields form={form} mode={props.mode} siteId={siteId} />} />;
}

function createContact(initial: ContactFormValues, siteId: number) {
  return createRun(createContactAction, initial, CONTACT_ID, {
    schema: createContactSchema,
    toInput: (v) => ({ ...v, site_id: siteId }),
    successMessage: "Contact added",
    next: () => `/sites/${siteId}`,
  });
}

function editContact(initial: ContactFormValues, siteId: number, contactId: number) {
  return editRun(updateContactAction, initial, {
    schema: contactChangesSchema,
    toInput: (v) => ({ ...v, site_id: siteId, contact_id: contactId }),
    successMessage: "Contact saved",
    next: () => `/sites/${siteId}`,
  });
}

function ContactFields(props: { form: ActionForm<ContactFormValues>; mode: FormMode; siteId: number }) {
  const { form } = props;
  const f = form.field;
  return (
    <ActionFormLayout
      form={form}
      className="max-w-2xl"
      {...objectFormLabels(props.mode, "Add", "contact")}
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
