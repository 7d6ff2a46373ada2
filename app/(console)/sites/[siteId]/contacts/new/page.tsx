import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";
import { EMPTY_CONTACT } from "@/lib/schemas/contact";
import { Alert, Card, PageHeader } from "@/components/ui";
import { crumbs, sitePage } from "../../site-page";

export const metadata = { title: "New contact" } satisfies Metadata;

// The site's name comes from the mirror: opening the form costs no CHeKT call.
export default async function NewContactPage({ params }: { params: Promise<{ siteId: string }> }) {
  return sitePage("operator", metadata.title, (await params).siteId, (ctx) => (
    <>
      <PageHeader
        title={metadata.title}
        description={`Someone CHeKT may call about alarms at ${ctx.siteName}.`}
        breadcrumbs={crumbs(ctx, { label: "New contact" })}
      />
      {ctx.siteGoneAt ? (
        <Alert tone="danger" title="This site was deleted in CHeKT">
          Contacts cannot be added to it.
        </Alert>
      ) : (
        <Card>
          <ContactForm mode="create" siteId={ctx.siteId} initial={EMPTY_CONTACT} />
        </Card>
      )}
    </>
  ));
}
