import type { Metadata } from "next";
import { dealerPage } from "@/components/page/dealer-page";
import { StationForm } from "@/components/stations/station-form";
import { EMPTY_STATION } from "@/lib/schemas/station";
import { Card } from "@/components/ui";

export const metadata = { title: "New monitoring station" } satisfies Metadata;

export default async function NewStationPage() {
  return dealerPage(
    "operator",
    {
      title: metadata.title,
      breadcrumbs: [{ label: "Monitoring stations", href: "/stations" }, { label: metadata.title }],
    },
    () => (
      <Card>
        <StationForm mode="create" initial={EMPTY_STATION} />
      </Card>
    ),
  );
}
