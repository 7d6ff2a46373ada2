import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { SiteForm } from "@/components/sites/site-form";
import { Card, PageHeader } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { getCurrentDealer } from "@/lib/dealer";
import { read, readSoft } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { getSite } from "@/lib/chekt/api/sites";
import { listStations } from "@/lib/chekt/api/stations";
import { toId } from "@/lib/chekt/normalize";
import { updateSiteAction } from "../../actions";

export const metadata: Metadata = { title: "Edit site" };

export default async function EditSitePage({ params }: { params: Promise<{ siteId: string }> }) {
  await requireRole("operator");
  const siteId = toId((await params).siteId);
  if (!siteId) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return (<><PageHeader title="Edit site" /><NoDealerState /></>);
  const scope = scopeOf(dealer);
  const [site, stations] = await Promise.all([read(getSite(scope, siteId)), readSoft(listStations(scope))]);
  if (!site.ok) return (<><PageHeader title="Edit site" breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: `Site ${siteId}` }]} /><ChektProblem error={site.error} /></>);
  const s = site.data;
  return (
    <>
      <PageHeader title={`Edit ${s.name}`} breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: s.name, href: `/sites/${siteId}` }, { label: "Edit" }]} />
      {!stations.ok ? <ChektProblem error={stations.error} className="mb-4" /> : null}
      <Card>
        <SiteForm
          mode="update"
          siteId={siteId}
          initial={{
            external_site_id: s.external_site_id ?? "",
            name: s.name ?? "",
            timezone: s.timezone ?? "",
            monitoring_station_id: s.monitoring_station_id ? String(s.monitoring_station_id) : "",
            account_number: s.account_number ?? "",
            address1: s.address1 ?? "",
            address2: s.address2 ?? "",
          }}
          stations={stations.ok ? stations.data.map((st) => ({ id: st.monitoring_station_id, name: st.name })) : []}
          action={updateSiteAction}
        />
      </Card>
    </>
  );
}
