import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Freshness } from "@/components/mirror/freshness";
import { NoDealerState } from "@/components/shell/no-dealer";
import { SiteForm } from "@/components/sites/site-form";
import { Alert, Card, PageHeader } from "@/components/ui";
import { refuseNotFound, requirePageScope } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { readSiteDto } from "@/lib/mirror/dto";
import { findMirrorSite, listMirrorStations } from "@/lib/mirror/read";
import { freshnessFor } from "@/lib/mirror/view";

export const metadata: Metadata = { title: "Edit site" };

export default async function EditSitePage({ params }: { params: Promise<{ siteId: string }> }) {
  const { user, dealer } = await requirePageScope("operator");
  const siteId = toId((await params).siteId);
  if (!siteId) notFound();
  if (!dealer)
    return (
      <>
        <PageHeader title="Edit site" />
        <NoDealerState />
      </>
    );
  // From the mirror; CHeKT is only called when the form is sent (and its refusal reaches the form).
  const [row, stations] = await Promise.all([findMirrorSite(dealer.id, siteId), listMirrorStations(dealer.id)]);
  const s = row ? readSiteDto(row.dto) : null;
  if (!row || !s) return refuseNotFound({ user, dealer }, "site", siteId);
  const fresh = freshnessFor(dealer.id, [{ kind: "site", chektId: siteId }], row);
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
}
