import "server-only";
// The site page's Arming and Devices cards, from the mirror (no CHeKT call), each with its
// freshness line (components/mirror/freshness.tsx). The page reads what they show with the rest of
// its data in one statement (lib/mirror/site-page-read.ts).
import Link from "next/link";
import { Camera, ShieldCheck } from "lucide-react";
import { Freshness } from "@/components/mirror/freshness";
import { Card, buttonClasses } from "@/components/ui";
import type { SitePageData } from "@/lib/mirror/site-page-read";
import { freshnessFor } from "@/lib/mirror/view";
import { SECURITY_TYPES } from "@/lib/schemas/arming";

/** What a panel on the site page is given: the dealer's link, the site, and whether the user may edit. */
export type SitePanelProps = { dealerLinkId: string; siteId: number; canEdit: boolean };

export function SiteArmingPanel({
  dealerLinkId,
  siteId,
  canEdit,
  arming,
}: SitePanelProps & { arming: SitePageData["arming"] }) {
  const type = arming ? SECURITY_TYPES.find((t) => t.value === arming.securityType) : undefined;
  const fresh = freshnessFor(
    dealerLinkId,
    [{ kind: "arming", siteId }],
    arming ? { confirmedAt: arming.confirmedAt } : null,
  );
  return (
    <Card
      title="Arming"
      actions={
        <Link href={`/sites/${siteId}/arming`} className={buttonClasses("secondary", "sm")}>
          <ShieldCheck className="h-4 w-4" aria-hidden="true" />
          {canEdit ? "Change" : "View"}
        </Link>
      }
    >
      <div data-testid="site-arming">
        <p className="text-sm font-medium text-slate-900">
          {arming ? (type?.title ?? "Not set") : "Not read from CHeKT yet"}
        </p>
        {type ? <p className="mt-1 text-sm text-slate-600">{type.summary}</p> : null}
      </div>
      <Freshness {...fresh} className="mt-3" />
    </Card>
  );
}

export function SiteDevicesPanel({
  dealerLinkId,
  siteId,
  devices: { count, asOf },
  syncFinishedAt,
}: {
  dealerLinkId: string;
  siteId: number;
  devices: SitePageData["devices"];
  syncFinishedAt: Date | null;
}) {
  // No live device: as fresh as the last sweep that found none (listSeen's rule).
  const seen = { confirmedAt: asOf ?? syncFinishedAt };
  const fresh = freshnessFor(dealerLinkId, [{ kind: "devices", siteId }], seen);
  return (
    <Card
      title="Devices"
      actions={
        <Link href={`/sites/${siteId}/devices`} className={buttonClasses("secondary", "sm")}>
          <Camera className="h-4 w-4" aria-hidden="true" />
          Open
        </Link>
      }
    >
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="site-devices-count">
          {count.toLocaleString("en-US")}
        </span>{" "}
        {count === 1 ? "device" : "devices"} (cameras and bridges)
      </p>
      <Freshness {...fresh} className="mt-3" />
    </Card>
  );
}
