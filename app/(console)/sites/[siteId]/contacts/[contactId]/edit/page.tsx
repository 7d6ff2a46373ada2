import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";
import { Freshness } from "@/components/mirror/freshness";
import { chektIdOr404 } from "@/components/page/dealer-page";
import { Card, PageHeader } from "@/components/ui";
import { refuseNotFound } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { readContact } from "@/lib/mirror/contacts";
import { freshnessFor } from "@/lib/mirror/view";
import { crumbs, sitePage } from "../../../site-page";

export const metadata = { title: "Edit contact" } satisfies Metadata;

// The form starts from the mirror's copy (no CHeKT call); the save goes to CHeKT and writes through.
export default async function EditContactPage({ params }: { params: Promise<{ siteId: string; contactId: string }> }) {
  const p = await params;
  return sitePage("operator", metadata.title, p.siteId, async (ctx) => {
    const contactId = chektIdOr404(p.contactId);
    const c = await readContact(prisma, ctx.scope.dealerLinkId, ctx.siteId, contactId);
    if (!c) return refuseNotFound(ctx.page, "contact", contactId);
    const target = { kind: "contact", siteId: ctx.siteId, chektId: contactId } as const;
    const fresh = freshnessFor(ctx.scope.dealerLinkId, [target], c);
    return (
      <>
        <PageHeader
          title={`Edit ${c.first_name} ${c.last_name}`}
          breadcrumbs={crumbs(ctx, { label: "Edit contact" })}
        />
        <Freshness {...fresh} className="mb-4" />
        {c.goneAt ? null : (
          <Card>
            <ContactForm
              mode="update"
              siteId={ctx.siteId}
              contactId={contactId}
              initial={{
                external_contact_id: c.external_contact_id,
                first_name: c.first_name,
                last_name: c.last_name,
                phone_number: c.phone_number ?? "",
                email: c.email ?? "",
              }}
            />
          </Card>
        )}
      </>
    );
  });
}
