"use client";
import { useRouter } from "next/navigation";
import { DeleteAction } from "@/components/forms/delete-action";
import { deleteContactAction } from "@/actions/contacts";

export function ContactDelete({ contact }: { contact: { site_id: number; contact_id: number; name: string } }) {
  const router = useRouter();
  return (
    <DeleteAction
      action={deleteContactAction}
      input={{ site_id: contact.site_id, contact_id: contact.contact_id }}
      name={contact.name}
      noun="contact"
      ariaLabel={`Delete ${contact.name}`}
      variant="ghost"
      size="sm"
      description={`${contact.name} will no longer be called for this site's alarm verifications.`}
      successMessage={`${contact.name} deleted`}
      onDone={() => router.refresh()}
    />
  );
}
