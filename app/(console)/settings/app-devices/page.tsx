import type { Metadata } from "next";
import { Alert } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { AppDevicesList } from "@/components/admin/app-devices-list";
import { DiagnosisAlert } from "@/components/admin/diagnosis-alert";
import { appDevicesPage } from "@/lib/settings/app-devices";
import { adminPickedDealer } from "@/lib/settings/picked-dealer";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "CHeKT App devices" } satisfies Metadata;
export const dynamic = "force-dynamic";

// CHeKT's largest page (V1Limit): every "Load more" is a call from the shared budget, so each brings
// as many devices as one call can.
const PAGE = 100;

export default async function AppDevicesPage({ searchParams }: SearchParamsProps) {
  const { chosen } = await adminPickedDealer(searchParams);
  const first = chosen ? await appDevicesPage(chosen.id, undefined, PAGE) : null;
  return (
    <div>
      <AdminHeader
        current="/settings/app-devices"
        title={metadata.title}
        description="The devices an app using this dealer's CHeKT App key sees, read live from CHeKT."
      />
      {!chosen ? (
        <Alert tone="info" title="No dealer connected yet">
          Connect a dealer first.
        </Alert>
      ) : first && first.ok ? (
        <AppDevicesList key={chosen.id} dealerLinkId={chosen.id} first={first} limit={PAGE} />
      ) : first ? (
        <DiagnosisAlert diagnosis={first.diagnosis} />
      ) : null}
    </div>
  );
}
