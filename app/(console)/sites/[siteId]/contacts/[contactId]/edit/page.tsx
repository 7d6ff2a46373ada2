import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactForm } from "@/components/contacts/contact-form";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { Card, PageHeader } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { getCurrentDealer } from "@/lib/dealer";
import { getContact } from "@/lib/chekt/api/contacts";
import { read } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { updateContactAction } from "../../actions";

export const metadata: Metadata = { title: "Edit contact" };

export default async function EditContactPage({ params }: { params: Promise<{ siteId: string; contactId: string }> }) {
  await requireRole("operator");
  const p = await params;
  const siteId = toId(p.siteId);
  const contactId = toId(p.contactId);
  if (!siteId || !contactId) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return (<><PageHeader title="Edit contact" /><NoDealerState /></>);
  const contact = await read(getContact(scopeOf(dealer), siteId, contactId));
  const crumbs = [{ label: "Sites", href: "/sites" }, { label: `Site ${siteId}`, href: `/sites/${siteId}` }, { label: "Edit contact" }];
  if (!contact.ok) return (<><PageHeader title="Edit contact" breadcrumbs={crumbs} /><ChektProblem error={contact.error} /></>);
  const c = contact.data;
  return (
    <>
      <PageHeader title={`Edit ${c.first_name} ${c.last_name}`} breadcrumbs={crumbs} />
      <Card>
        <ContactForm
          mode="update"
          siteId={siteId}
          contactId={contactId}
          initial={{ external_contact_id: c.external_contact_id ?? "", first_name: c.first_name ?? "", last_name: c.last_name ?? "", phone_number: c.phone_number ?? "", email: c.email ?? "" }}
          action={updateContactAction}
        />
      </Card>
    </>
  );
}
