"use client";
import { useRef } from "react";
import { useRouter } from "next/navigation";
import { DeleteAction } from "@/components/forms/delete-action";
import { focusAfterRowRemoval } from "@/components/ui/focus-after-removal";
import { deleteContactAction } from "@/actions/contacts";

export function ContactDelete({ contact }: { contact: { site_id: number; contact_id: number; name: string } }) {
  const router = useRouter();
  // Its button, for the focus once the row is gone (the next contact's Delete, or the card's heading).
  const box = useRef<HTMLSpanElement>(null);
  return (
    <span ref={box} className="contents">
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
        onDone={() => {
          const button = box.current?.querySelector("button");
          if (button) focusAfterRowRemoval(button);
          router.refresh();
        }}
      />
    </span>
  );
}
