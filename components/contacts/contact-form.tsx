"use client";
import { Input } from "@/components/ui";
import { ActionFormLayout } from "@/components/forms/form-actions";
import { useActionForm, type ActionForm } from "@/components/forms/use-action-form";
import { useGoTo } from "@/components/forms/use-go-to";
import { ExternalIdField } from "@/components/forms/external-id-field";
import { generateExternalId, withExternalId } from "@/lib/external-id";
import { createContactAction, updateContactAction } from "@/actions/contacts";
import { contactChangesSchema, createContactSchema, type ContactText } from "@/lib/schemas/contact";

export type ContactFormValues = ContactText;
export const EMPTY_CONTACT: ContactFormValues = {
  external_contact_id: "",
  first_name: "",
  last_name: "",
  phone_number: "",
  email: "",
};
export type ContactFormProps = { siteId: number; initial: ContactFormValues } & (
  { mode: "create" } | { mode: "update"; contactId: number }
);

const fullName = (v: ContactFormValues) => `${v.first_name} ${v.last_name}`;

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
  const goTo = useGoTo();
  const form = useActionForm({
    initial,
    mode: "create",
    guardUnsaved: true,
    schema: createContactSchema,
    prepare: (v) => withExternalId(v, "external_contact_id", "contact", fullName(v)),
    action: createContactAction,
    toInput: (v) => ({ ...EMPTY_CONTACT, ...v, site_id: siteId }),
    successMessage: "Contact added",
    onSuccess: () => goTo(`/sites/${siteId}`),
  });
  return <ContactFields form={form} mode="create" siteId={siteId} />;
}

function EditContactForm(props: { initial: ContactFormValues; siteId: number; contactId: number }) {
  const goTo = useGoTo();
  const form = useActionForm({
    initial: props.initial,
    mode: "update",
    guardUnsaved: true,
    schema: contactChangesSchema,
    action: updateContactAction,
    toInput: (v) => ({ ...v, site_id: props.siteId, contact_id: props.contactId }),
    successMessage: "Contact saved",
    onSuccess: () => goTo(`/sites/${props.siteId}`),
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
      <ExternalIdField
        label="Contact ID (yours)"
        required
        {...f("external_contact_id")}
        uniqueAmong="this dealer's contacts"
        onGenerate={
          props.mode === "create"
            ? () => form.set("external_contact_id", generateExternalId("contact", fullName(form.values)))
            : undefined
        }
      />
    </ActionFormLayout>
  );
}
