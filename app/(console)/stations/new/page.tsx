import type { Metadata } from "next";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { EMPTY_STATION, StationForm } from "@/components/stations/station-form";
import { Card, PageHeader } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";

export const metadata: Metadata = { title: "New monitoring station" };

export default async function NewStationPage() {
  const { dealer } = await requirePageScope("operator");
  const header = (
    <PageHeader
      title="New monitoring station"
      breadcrumbs={[{ label: "Monitoring stations", href: "/stations" }, { label: "New" }]}
    />
  );
  if (!dealer) return <NoDealerPage header={header} />;
  return (
    <>
      {header}
      <Card>
        <StationForm mode="create" initial={EMPTY_STATION} />
      </Card>
    </>
  );
}
