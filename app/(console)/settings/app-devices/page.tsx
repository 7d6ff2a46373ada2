import type { Metadata } from "next";
import { AppDevicesList } from "@/components/admin/app-devices-list";
import { pickedDealerPage } from "@/components/page/picked-dealer-page";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "CHeKT App devices" } satisfies Metadata;
export const dynamic = "force-dynamic";

// CHeKT's largest page (V1Limit): every read is a call from the shared budget, so each brings as
// many devices as one call can.
const PAGE = 100;

// No CHeKT call here: CHeKT allows a dealer 60 calls a minute, and a page view (a reload, a tab
// left open, a crawler of the console) should spend none. The list is read when the admin asks.
export default async function AppDevicesPage({ searchParams }: SearchParamsProps) {
  return pickedDealerPage(
    searchParams,
    {
      current: "/settings/app-devices",
      title: metadata.title,
      description: "The devices an app using this dealer's CHeKT App key sees, read from CHeKT when you ask.",
    },
    `Reads GET /v1/devices with the dealer's CHeKT App key, ${PAGE} devices a call. Nothing is ` +
      "read until you ask, and the list shown is the one CHeKT gave at the time it says.",
    (dealer) => <AppDevicesList key={dealer.id} dealerLinkId={dealer.id} limit={PAGE} />,
  );
}
