import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Pencil } from "lucide-react";
import { SiteContactsPanel } from "@/components/contacts/site-contacts-panel";
import { NoDealerState } from "@/components/shell/no-dealer";
import { Freshness } from "@/components/mirror/freshness";
import { formatInZone, text } from "@/components/sites/format";
import { SiteActions } from "@/components/sites/site-actions";
import { ReadinessChecklist } from "@/components/sites/readiness";
import { SiteDeviceStatus } from "@/components/fleet/site-device-status";
import { deviceCountsBySite, type SiteDeviceCounts } from "@/lib/fleet/read";
import { readinessOfSites } from "@/lib/readiness/query";
import type { Readiness } from "@/lib/readiness/rules";
import { SiteArmingPanel, SiteDevicesPanel } from "@/components/sites/site-children-panels";
import { SiteChecklistPanel } from "@/components/verifications/outcome-site-panel";
import { Badge, Card, PageHeader, buttonClasses } from "@/components/ui";
import { refuseNotFound, requirePageScope } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { readSiteDto } from "@/lib/mirror/dto";
import { findMirrorSite, findMirrorStation } from "@/lib/mirror/read";
import { freshnessFor } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";

export const metadata: Metadata = { title: "Site" };

// The station's name, the device counts and the readiness card each await their own read, which
// the page started at once after the site row: rendered here, they run beside the panels' reads
// instead of one after another before any of the page renders.
async function StationName({
  station,
  stationId,
  externalId,
}: {
  station: ReturnType<typeof findMirrorStation>;
  stationId: number;
  externalId: string | null | undefined;
}) {
  const st = await station;
  const ext = externalId ? ` · ${externalId}` : "";
  if (!st || st.goneAt) return `#${stationId}${ext}`;
  return (
    <>
      {st.name}{" "}
      <span className="text-slate-500">
        (#{stationId}
        {ext})
      </span>
    </>
  );
}

async function DeviceStatusField({
  siteId,
  counts,
}: {
  siteId: number;
  counts: Promise<SiteDeviceCounts | undefined>;
}) {
  return <SiteDeviceStatus siteId={siteId} counts={await counts} />;
}

async function ReadinessCard({ readiness, canEdit }: { readiness: Promise<Readiness | undefined>; canEdit: boolean }) {
  const r = await readiness;
  return r ? <ReadinessChecklist readiness={r} canEdit={canEdit} /> : null;
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export default async function SitePage({ params }: { params: Promise<{ siteId: string }> }) {
  const { user, dealer } = await requirePageScope("viewer");
  const siteId = toId((await params).siteId);
  if (!siteId) notFound();
  if (!dealer)
    return (
      <>
        <PageHeader title="Site" />
        <NoDealerState />
      </>
    );
  const canEdit = hasRole(user.role, "operator");

  // The site part reads the mirror only (no CHeKT call). Not in this dealer's mirror → 404, so
  // another dealer's site looks exactly like one that does not exist.
  const row = await findMirrorSite(dealer.id, siteId);
  const s = row ? readSiteDto(row.dto) : null;
  if (!row || !s) return refuseNotFound({ user, dealer }, "site", siteId);
  const gone = row.goneAt !== null;
  const fresh = freshnessFor(dealer.id, [{ kind: "site", chektId: siteId }], row);
  const station = s.monitoring_station_id ? findMirrorStation(dealer.id, s.monitoring_station_id) : null;
  const now = formatInZone(new Date().toISOString(), s.timezone);
  const readiness = gone ? null : readinessOfSites(dealer.id, [siteId]).then((m) => m.get(siteId));
  const deviceCounts = gone
    ? Promise.resolve(undefined)
    : deviceCountsBySite(dealer.id, [siteId]).then((m) => m.get(siteId));

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

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <dl className="grid gap-4 sm:grid-cols-2">
            <Field label="Name">{s.name}</Field>
            <Field label="Site ID (yours)" testId="site-external-id">
              {s.external_site_id}
            </Field>
            <Field label="CHeKT site ID">{s.site_id}</Field>
            <Field label="Status" testId="site-status">
              {s.is_activated === 1 ? "Active — monitored" : "Inactive — not monitored"}
            </Field>
            <Field label="Time zone" testId="site-timezone">
              {s.timezone} <span className="text-slate-500">· now {now}</span>
            </Field>
            <Field label="Account number">{text(s.account_number)}</Field>
            <Field label="Monitoring station">
              {s.monitoring_station_id && station ? (
                <StationName
                  station={station}
                  stationId={s.monitoring_station_id}
                  externalId={s.external_monitoring_station_id}
                />
              ) : (
                "None"
              )}
            </Field>
            <Field label="Physical bridge" testId="site-bridge">
              {s.has_physical_bridge === undefined
                ? "Not known yet (Refresh reads it)"
                : s.has_physical_bridge
                  ? "Yes — a CHeKT bridge is installed"
                  : "No bridge"}
            </Field>
            <Field label="Address">{text(s.address1)}</Field>
            <Field label="Address line 2">{text(s.address2)}</Field>
            <Field label="Created (site time)" testId="site-created">
              {formatInZone(s.created_at, s.timezone)}
            </Field>
            <Field label="Device status">
              <DeviceStatusField siteId={siteId} counts={deviceCounts} />
            </Field>
          </dl>
          <Freshness {...fresh} className="mt-4" />
        </Card>

        <div className="space-y-6">
          {readiness ? <ReadinessCard readiness={readiness} canEdit={canEdit} /> : null}
          <SiteArmingPanel dealerLinkId={dealer.id} siteId={siteId} canEdit={canEdit} />
          <SiteDevicesPanel dealerLinkId={dealer.id} siteId={siteId} />
          {/* The desk checklist this site's alarms use (its own or the dealer's); admins change it. */}
          {!gone ? (
            <SiteChecklistPanel dealerLinkId={dealer.id} siteId={siteId} canEdit={hasRole(user.role, "admin")} />
          ) : null}
        </div>
      </div>

      <SiteContactsPanel dealerLinkId={dealer.id} siteId={siteId} canEdit={canEdit} />
    </>
  );
}
