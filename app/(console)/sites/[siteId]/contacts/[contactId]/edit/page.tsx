import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactForm } from "@/components/contacts/contact-form";
import { Freshness } from "@/components/mirror/freshness";
import { NoDealerState } from "@/components/shell/no-dealer";
import { Card, PageHeader } from "@/components/ui";
import { refuseNotFound, requirePageScope } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { prisma } from "@/lib/db";
import { readContact } from "@/lib/mirror/contacts";
import { freshnessFor } from "@/lib/mirror/view";
import { loadSite } from "../../../devices/load";

export const metadata: Metadata = { title: "Edit contact" };

// The form starts from the mirror's copy (no CHeKT call); the save goes to CHeKT and writes through.
export default async function EditContactPage({ params }: { params: Promise<{ siteId: string; contactId: string }> }) {
  const page = await requirePageScope("operator");
  const p = await params;
  const contactId = toId(p.contactId);
  if (!contactId) notFound();
  const ctx = await loadSite(page, p.siteId);
  if (!ctx)
    return (
      <>
        <PageHeader title="Edit contact" />
        <NoDealerState />
      </>
    );
  const c = await readContact(prisma, ctx.scope.dealerLinkId, ctx.siteId, contactId);
  if (!c) return refuseNotFound(ctx.page, "contact", contactId);
  const crumbs = [
    { label: "Sites", href: "/sites" },
    { label: ctx.siteName, href: `/sites/${ctx.siteId}` },
    { label: "Edit contact" },
  ];
  const fresh = freshnessFor(ctx.scope.dealerLinkId, [{ kind: "contact", siteId: ctx.siteId, chektId: contactId }], c);
  return (
    <>
      <PageHeader title={`Edit ${c.first_name} ${c.last_name}`} breadcrumbs={crumbs} />
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
}
