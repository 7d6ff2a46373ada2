import type { Metadata } from "next";
import { Freshness } from "@/components/mirror/freshness";
import { dealerObjectPage, mirroredOr404 } from "@/components/page/dealer-page";
import { SiteForm } from "@/components/sites/site-form";
import { Alert, Card, PageHeader } from "@/components/ui";
import { readSiteDto } from "@/lib/mirror/dto";
import { findMirrorSite, listMirrorStations } from "@/lib/mirror/read";

export const metadata = { title: "Edit site" } satisfies Metadata;

export default async function EditSitePage({ params }: { params: Promise<{ siteId: string }> }) {
  return dealerObjectPage("operator", metadata.title, (await params).siteId, async (scope, siteId) => {
    // From the mirror; CHeKT is only called when the form is sent (and its refusal reaches the form).
    const [found, stations] = await Promise.all([
      findMirrorSite(scope.dealer.id, siteId),
      listMirrorStations(scope.dealer.id),
    ]);
    const { row, dto: s, fresh } = await mirroredOr404(scope, "site", siteId, found, readSiteDto);
    return (
      <>
        <PageHeader
          title={`Edit ${s.name}`}
          breadcrumbs={[
            { label: "Sites", href: "/sites" },
            { label: s.name, href: `/sites/${siteId}` },
            { label: "Edit" },
          ]}
        />
        <Freshness {...fresh} className="mb-4" />
        {row.goneAt ? (
          <Alert tone="warning" title="This site was deleted in CHeKT">
            There is nothing left to edit; the sites list no longer shows it.
          </Alert>
        ) : (
          <Card>
            <SiteForm
              mode="update"
              siteId={siteId}
              initial={{
                external_site_id: s.external_site_id,
                name: s.name,
                timezone: s.timezone,
                monitoring_station_id: s.monitoring_station_id ? String(s.monitoring_station_id) : "",
                account_number: s.account_number ?? "",
                address1: s.address1 ?? "",
                address2: s.address2 ?? "",
              }}
              stations={stations.map((st) => ({ id: st.chektId, name: st.name }))}
            />
          </Card>
        )}
      </>
    );
  });
}
