import type { Metadata } from "next";
import Link from "next/link";
import { Pencil } from "lucide-react";
import { SiteContactsPanel } from "@/components/contacts/site-contacts-panel";
import { dealerObjectPage, mirroredOr404 } from "@/components/page/dealer-page";
import { SiteActions } from "@/components/sites/site-actions";
import { SiteDetailsCard } from "@/components/sites/site-details-card";
import { ReadinessChecklist } from "@/components/sites/readiness";
import { SiteArmingPanel, SiteDevicesPanel } from "@/components/sites/site-children-panels";
import { SiteChecklistPanel } from "@/components/verifications/settings/outcome-site-panel";
import { Badge, PageHeader, buttonClasses } from "@/components/ui";
import { refuseNotFound } from "@/lib/auth/require";
import { readSiteDto } from "@/lib/mirror/dto";
import { readSitePage } from "@/lib/mirror/site-page-read";
import { hasRole } from "@/lib/roles";

export const metadata = { title: "Site" } satisfies Metadata;

export default async function SitePage({ params }: { params: Promise<{ siteId: string }> }) {
  return dealerObjectPage("viewer", metadata.title, (await params).siteId, async (scope, siteId) => {
    const { user, dealer } = scope;
    const canEdit = hasRole(user.role, "operator");

    // The page reads the mirror only (no CHeKT call), all of it in one statement after the session
    // (lib/mirror/site-page-read.ts). Not in this dealer's mirror → 404, so another dealer's site
    // looks exactly like one that does not exist.
    const data = (await readSitePage(dealer.id, siteId)) ?? (await refuseNotFound(scope, "site", siteId));
    const { row, dto: s, fresh } = await mirroredOr404(scope, "site", siteId, data.site, readSiteDto);
    const gone = row.goneAt !== null;
    // A deleted site shows no device status (its devices went with it in CHeKT).
    const deviceCounts = gone ? undefined : data.deviceCounts;

    return (
      <>
        <PageHeader
          title={<span data-testid="site-name">{s.name}</span>}
          breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: s.name }]}
          description={
            <span className="inline-flex flex-wrap items-center gap-2">
              {s.is_activated === 1 ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>}
              <span>
                CHeKT site #{s.site_id} · your ID {s.external_site_id}
              </span>
            </span>
          }
          actions={
            canEdit && !gone ? (
              <>
                <Link href={`/sites/${siteId}/edit`} className={buttonClasses("secondary")}>
                  <Pencil className="h-4 w-4" aria-hidden="true" /> Edit
                </Link>
                <SiteActions site={{ site_id: s.site_id, name: s.name, is_activated: s.is_activated }} />
              </>
            ) : null
          }
        />

        <div className="grid gap-6 lg:grid-cols-3 lg:items-start">
          <SiteDetailsCard site={s} station={data.station} deviceCounts={deviceCounts} fresh={fresh} />

          <div className="space-y-6">
            {data.readiness ? <ReadinessChecklist readiness={data.readiness} canEdit={canEdit} /> : null}
            <SiteArmingPanel dealerLinkId={dealer.id} siteId={siteId} canEdit={canEdit} arming={data.arming} />
            <SiteDevicesPanel
              dealerLinkId={dealer.id}
              siteId={siteId}
              devices={data.devices}
              devicesReadAt={data.devicesReadAt}
            />
            {/* The desk checklist this site's alarms use (its own or the dealer's); admins change it. */}
            {!gone ? (
              <SiteChecklistPanel siteId={siteId} canEdit={hasRole(user.role, "admin")} lists={data.checklists} />
            ) : null}
          </div>
        </div>

        <SiteContactsPanel
          dealerLinkId={dealer.id}
          siteId={siteId}
          canEdit={canEdit}
          rows={data.contacts}
          contactsReadAt={data.contactsReadAt}
        />
      </>
    );
  });
}
