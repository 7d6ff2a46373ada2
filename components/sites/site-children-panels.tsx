import "server-only";
// The site page's Arming and Devices cards, from the mirror (no CHeKT call), each with its
// freshness line (components/mirror/freshness.tsx). The page reads what they show with the rest of
// its data in one statement (lib/mirror/site-page-read.ts).
import Link from "next/link";
import type { ReactNode } from "react";
import { Camera, ShieldCheck, type LucideIcon } from "lucide-react";
import { Freshness, type FreshnessProps } from "@/components/mirror/freshness";
import { Card, buttonClasses } from "@/components/ui";
import { listAsOf, type SitePageData } from "@/lib/mirror/site-page-read";
import { freshnessFor } from "@/lib/mirror/view";
import { SECURITY_TYPES } from "@/lib/schemas/arming";
import { plural } from "@/lib/plural";
import { countText } from "@/lib/count-text";

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
    <MirrorPanel
      title="Arming"
      link={{ href: `/sites/${siteId}/arming`, icon: ShieldCheck, label: canEdit ? "Change" : "View" }}
      fresh={fresh}
    >
      <div data-testid="site-arming">
        <p className="text-sm font-medium text-slate-900">
          {arming ? (type?.title ?? "Not set") : "Not read from CHeKT yet"}
        </p>
        {type ? <p className="mt-1 text-sm text-slate-600">{type.summary}</p> : null}
      </div>
    </MirrorPanel>
  );
}

export function SiteDevicesPanel({
  dealerLinkId,
  siteId,
  devices: { count, asOf },
  devicesReadAt,
}: {
  dealerLinkId: string;
  siteId: number;
  devices: SitePageData["devices"];
  devicesReadAt: Date | null;
}) {
  const fresh = freshnessFor(dealerLinkId, [{ kind: "devices", siteId }], listAsOf(asOf, devicesReadAt));
  return (
    <MirrorPanel title="Devices" link={{ href: `/sites/${siteId}/devices`, icon: Camera, label: "Open" }} fresh={fresh}>
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="site-devices-count">
          {countText(count)}
        </span>{" "}
        {plural(count, "device")} (cameras and bridges)
      </p>
    </MirrorPanel>
  );
}

/** A site page card read from the mirror: its title, a small link to the page behind it, its freshness line last. */
function MirrorPanel({
  title,
  link: { href, icon: Icon, label },
  fresh,
  children,
}: {
  title: string;
  link: { href: string; icon: LucideIcon; label: string };
  fresh: FreshnessProps;
  children: ReactNode;
}) {
  return (
    <Card
      title={title}
      actions={
        <Link href={href} className={buttonClasses("secondary", "sm")}>
          <Icon className="h-4 w-4" aria-hidden="true" />
          {label}
        </Link>
      }
    >
      {children}
      <Freshness {...fresh} className="mt-3" />
    </Card>
  );
}
