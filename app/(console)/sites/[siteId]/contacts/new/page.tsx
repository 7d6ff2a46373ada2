import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactForm, EMPTY_CONTACT } from "@/components/contacts/contact-form";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { Card, PageHeader } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { getCurrentDealer } from "@/lib/dealer";
import { read } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { getSite } from "@/lib/chekt/api/sites";
import { createContactAction } from "../actions";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage({ params }: { params: Promise<{ siteId: string }> }) {
  await requireRole("operator");
  const siteId = toId((await params).siteId);
  if (!siteId) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return (<><PageHeader title="New contact" /><NoDealerState /></>);
  const site = await read(getSite(scopeOf(dealer), siteId));
  const siteName = site.ok ? site.data.name : `Site ${siteId}`;
  return (
    <>
      <PageHeader title="New contact" description={`Someone CHeKT may call about alarms at ${siteName}.`} breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: siteName, href: `/sites/${siteId}` }, { label: "New contact" }]} />
      {!site.ok ? <ChektProblem error={site.error} /> : (
        <Card>
          <ContactForm mode="create" siteId={siteId} initial={EMPTY_CONTACT} action={createContactAction} />
        </Card>
      )}
    </>
  );
}
