import type { Metadata } from "next";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { EMPTY_SITE, SiteForm } from "@/components/sites/site-form";
import { Card, PageHeader } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { getCurrentDealer } from "@/lib/dealer";
import { readSoft } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { listStations } from "@/lib/chekt/api/stations";
import { createSiteAction } from "../actions";

export const metadata: Metadata = { title: "New site" };

export default async function NewSitePage() {
  await requireRole("operator");
  const dealer = await getCurrentDealer();
  const header = <PageHeader title="New site" breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: "New site" }]} description="The site starts inactive in CHeKT; activate it once its devices are in." />;
  if (!dealer) return (<>{header}<NoDealerState /></>);
  const stations = await readSoft(listStations(scopeOf(dealer)));
  return (
    <>
      {header}
      {!stations.ok ? <ChektProblem error={stations.error} className="mb-4" /> : null}
      <Card>
        <SiteForm
          mode="create"
          initial={EMPTY_SITE}
          stations={stations.ok ? stations.data.map((s) => ({ id: s.monitoring_station_id, name: s.name })) : []}
          action={createSiteAction}
        />
      </Card>
    </>
  );
}
