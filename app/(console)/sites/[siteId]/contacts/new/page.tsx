import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";
import { EMPTY_CONTACT } from "@/lib/schemas/contact";
import { NoDealerState } from "@/components/shell/no-dealer";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { loadSite } from "../../devices/load";

export const metadata: Metadata = { title: "New contact" };

// The site's name comes from the mirror: opening the form costs no CHeKT call.
export default async function NewContactPage({ params }: { params: Promise<{ siteId: string }> }) {
  const page = await requirePageScope("operator");
  const ctx = await loadSite(page, (await params).siteId);
  if (!ctx)
    return (
      <>
        <PageHeader title="New contact" />
        <NoDealerState />
      </>
    );
  const { siteId, siteName } = ctx;
  return (
    <>
      <PageHeader
        title="New contact"
        description={`Someone CHeKT may call about alarms at ${siteName}.`}
        breadcrumbs={[
          { label: "Sites", href: "/sites" },
          { label: siteName, href: `/sites/${siteId}` },
          { label: "New contact" },
        ]}
      />
      {ctx.siteGoneAt ? (
        <Alert tone="danger" title="This site was deleted in CHeKT">
          Contacts cannot be added to it.
        </Alert>
      ) : (
        <Card>
          <ContactForm mode="create" siteId={siteId} initial={EMPTY_CONTACT} />
        </Card>
      )}
    </>
  );
}
