import type { Metadata } from "next";
import { dealerPage } from "@/components/page/dealer-page";
import { SiteForm } from "@/components/sites/site-form";
import { EMPTY_SITE } from "@/lib/schemas/site";
import { Card } from "@/components/ui";
import { listMirrorStations } from "@/lib/mirror/read";

export const metadata = { title: "New site" } satisfies Metadata;

export default async function NewSitePage() {
  return dealerPage(
    "operator",
    {
      title: metadata.title,
      breadcrumbs: [{ label: "Sites", href: "/sites" }, { label: metadata.title }],
      description: "The site starts inactive in CHeKT; activate it once its devices are in.",
    },
    async ({ dealer }) => {
      // The station choices come from the mirror (no CHeKT call until the form is sent).
      const stations = await listMirrorStations(dealer.id);
      return (
        <Card>
          <SiteForm
            mode="create"
            initial={EMPTY_SITE}
            stations={stations.map((s) => ({ id: s.chektId, name: s.name }))}
          />
        </Card>
      );
    },
  );
}
