import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ImportSites } from "@/components/import/import-sites";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { loadImportContext } from "@/lib/import/context";

export const metadata = { title: "Import sites" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function ImportSitesPage() {
  const { dealer } = await requirePageScope("operator");
  if (!dealer) return <NoDealerState />;
  // From the mirror: stations by name, IDs and account numbers in use, the ID pattern. The import
  // action reads them again before anything is stored.
  const context = await loadImportContext(prisma, dealer.id);
  return (
    <>
      <PageHeader
        title={metadata.title}
        description={
          "Bring in many sites and their contacts from a spreadsheet. Every row is checked here before " +
          "anything is sent."
        }
        breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: "Import" }]}
      />
      <ImportSites context={context} />
    </>
  );
}
