import type { Metadata } from "next";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { EMPTY_SITE, SiteForm } from "@/components/sites/site-form";
import { Card, PageHeader } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { listMirrorStations } from "@/lib/mirror/read";

export const metadata: Metadata = { title: "New site" };

export default async function NewSitePage() {
  const { dealer } = await requirePageScope("operator");
  const header = (
    <PageHeader
      title="New site"
      breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: "New site" }]}
      description="The site starts inactive in CHeKT; activate it once its devices are in."
    />
  );
  if (!dealer) return <NoDealerPage header={header} />;
  // The station choices come from the mirror (no CHeKT call until the form is sent).
  const stations = await listMirrorStations(dealer.id);
  return (
    <>
      {header}
      <Card>
        <SiteForm
          mode="create"
          initial={EMPTY_SITE}
          stations={stations.map((s) => ({ id: s.chektId, name: s.name }))}
        />
      </Card>
    </>
  );
}
