"use client";
import { useRouter } from "next/navigation";
import { Trash2 } from "lucide-react";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { deleteContactAction } from "@/actions/contacts";

export function ContactDelete({ contact }: { contact: { site_id: number; contact_id: number; name: string } }) {
  const router = useRouter();
  return (
    <ConfirmAction
      action={deleteContactAction}
      input={{ site_id: contact.site_id, contact_id: contact.contact_id }}
      label="Delete"
      ariaLabel={`Delete ${contact.name}`}
      variant="ghost"
      destructive
      icon={<Trash2 className="h-4 w-4" aria-hidden="true" />}
      title={`Delete ${contact.name}?`}
      description={`${contact.name} will no longer be called for this site's alarm verifications.`}
      confirmLabel="Delete contact"
      successMessage={`${contact.name} deleted`}
      onDone={() => router.refresh()}
    />
  );
}
