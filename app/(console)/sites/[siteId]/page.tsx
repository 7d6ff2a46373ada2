import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Camera, Pencil, Plus, ShieldCheck, Users } from "lucide-react";
import { ContactDelete } from "@/components/contacts/contact-delete";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { formatInZone, text } from "@/components/sites/format";
import { SiteActions } from "@/components/sites/site-actions";
import { Badge, Card, EmptyState, PageHeader, buttonClasses } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { getCurrentDealer } from "@/lib/dealer";
import { getArming } from "@/lib/chekt/api/arming";
import { listContacts } from "@/lib/chekt/api/contacts";
import { read, readSoft } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { countDevices, getSite } from "@/lib/chekt/api/sites";
import { getStation } from "@/lib/chekt/api/stations";
import { hasRole } from "@/lib/roles";
import { SECURITY_TYPES } from "@/lib/schemas/arming";
import { deleteSiteAction, setSiteActivationAction } from "../actions";
import { deleteContactAction } from "./contacts/actions";

export const metadata: Metadata = { title: "Site" };

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-900" data-testid={testId}>{children}</dd>
    </div>
  );
}

export default async function SitePage({ params }: { params: Promise<{ siteId: string }> }) {
  const user = await requireRole("viewer");
  const siteId = toId((await params).siteId);
  if (!siteId) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return (<><PageHeader title="Site" /><NoDealerState /></>);
  const canEdit = hasRole(user.role, "operator");
  const scope = scopeOf(dealer);

  const site = await read(getSite(scope, siteId));
  if (!site.ok) {
    return (
      <>
        <PageHeader title={`Site ${siteId}`} breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: `Site ${siteId}` }]} />
        <ChektProblem error={site.error} />
      </>
    );
  }
  const s = site.data;
  const [contacts, devices, arming, station] = await Promise.all([
    readSoft(listContacts(scope, siteId)),
    readSoft(countDevices(scope, siteId)),
    readSoft(getArming(scope, siteId)),
    s.monitoring_station_id ? readSoft(getStation(scope, s.monitoring_station_id)) : Promise.resolve(null),
  ]);
  const armingType = arming.ok ? SECURITY_TYPES.find((t) => t.value === arming.data.security_type) : undefined;
  const now = formatInZone(new Date().toISOString(), s.timezone);

  return (
    <>
      <PageHeader
        title={<span data-testid="site-name">{s.name}</span>}
        breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: s.name }]}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {s.is_activated === 1 ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>}
            <span>CHeKT site #{s.site_id} · your ID {s.external_site_id}</span>
          </span>
        }
        actions={
          canEdit ? (
            <>
              <Link href={`/sites/${siteId}/edit`} className={buttonClasses("secondary")}>
                <Pencil className="h-4 w-4" aria-hidden="true" /> Edit
              </Link>
              <SiteActions site={{ site_id: s.site_id, name: s.name, is_activated: s.is_activated }} setActivation={setSiteActivationAction} remove={deleteSiteAction} />
            </>
          ) : null
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <dl className="grid gap-4 sm:grid-cols-2">
            <Field label="Name">{s.name}</Field>
            <Field label="Site ID (yours)" testId="site-external-id">{s.external_site_id}</Field>
            <Field label="CHeKT site ID">{s.site_id}</Field>
            <Field label="Status" testId="site-status">{s.is_activated === 1 ? "Active — monitored" : "Inactive — not monitored"}</Field>
            <Field label="Time zone" testId="site-timezone">
              {s.timezone} <span className="text-slate-500">· now {now}</span>
            </Field>
            <Field label="Account number">{text(s.account_number)}</Field>
            <Field label="Monitoring station">
              {s.monitoring_station_id ? (
                station?.ok ? (
                  <>
                    {station.data.name} <span className="text-slate-500">(#{s.monitoring_station_id}{s.external_monitoring_station_id ? ` · ${s.external_monitoring_station_id}` : ""})</span>
                  </>
                ) : (
                  `#${s.monitoring_station_id}${s.external_monitoring_station_id ? ` · ${s.external_monitoring_station_id}` : ""}`
                )
              ) : (
                "None"
              )}
            </Field>
            <Field label="Physical bridge" testId="site-bridge">{s.has_physical_bridge ? "Yes — a CHeKT bridge is installed" : "No bridge"}</Field>
            <Field label="Address">{text(s.address1)}</Field>
            <Field label="Address line 2">{text(s.address2)}</Field>
            <Field label="Created (site time)" testId="site-created">{formatInZone(s.created_at, s.timezone)}</Field>
          </dl>
        </Card>

        <div className="space-y-6">
          <Card
            title="Arming"
            actions={<Link href={`/sites/${siteId}/arming`} className={buttonClasses("secondary", "sm")}><ShieldCheck className="h-4 w-4" aria-hidden="true" />{canEdit ? "Change" : "View"}</Link>}
          >
            {arming.ok ? (
              <div data-testid="site-arming">
                <p className="text-sm font-medium text-slate-900">{armingType?.title ?? "Not set"}</p>
                {armingType ? <p className="mt-1 text-sm text-slate-600">{armingType.summary}</p> : null}
              </div>
            ) : (
              <ChektProblem error={arming.error} />
            )}
          </Card>
          <Card
            title="Devices"
            actions={<Link href={`/sites/${siteId}/devices`} className={buttonClasses("secondary", "sm")}><Camera className="h-4 w-4" aria-hidden="true" />Open</Link>}
          >
            {devices.ok ? (
              <p className="text-sm text-slate-700">
                <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="site-devices-count">{devices.data.toLocaleString("en-US")}</span>{" "}
                {devices.data === 1 ? "device" : "devices"} (cameras and bridges)
              </p>
            ) : (
              <ChektProblem error={devices.error} />
            )}
          </Card>
        </div>
      </div>

      <Card
        className="mt-6"
        title="Contacts"
        description="People CHeKT calls to verify this site's alarms."
        flush
        actions={canEdit ? <Link href={`/sites/${siteId}/contacts/new`} className={buttonClasses("primary", "sm")}><Plus className="h-4 w-4" aria-hidden="true" />Add contact</Link> : null}
      >
        {!contacts.ok ? (
          <div className="p-4"><ChektProblem error={contacts.error} /></div>
        ) : contacts.data.length === 0 ? (
          <div className="p-4">
            <EmptyState icon={<Users className="h-6 w-6" />} title="No contacts yet" description="Without a contact, nobody can be called to verify an alarm at this site." />
          </div>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="contacts-table">
              <thead className="bg-slate-50">
                <tr>
                  {["Name", "Phone", "Email", "Contact ID (yours)", ...(canEdit ? [""] : [])].map((h, i) => (
                    <th key={i} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{h || <span className="sr-only">Actions</span>}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {contacts.data.map((c) => {
                  const name = `${c.first_name} ${c.last_name}`.trim();
                  return (
                    <tr key={c.contact_id} data-testid="contact-row">
                      <td className="px-4 py-2.5 font-medium text-slate-900">{name}</td>
                      <td className="px-4 py-2.5">{c.phone_number ? <a className="text-indigo-700 hover:underline" href={`tel:${c.phone_number}`}>{c.phone_number}</a> : "—"}</td>
                      <td className="px-4 py-2.5">{c.email ? <a className="text-indigo-700 hover:underline" href={`mailto:${c.email}`}>{c.email}</a> : "—"}</td>
                      <td className="px-4 py-2.5 text-slate-600">{c.external_contact_id}</td>
                      {canEdit ? (
                        <td className="px-4 py-2.5 text-right whitespace-nowrap">
                          <Link href={`/sites/${siteId}/contacts/${c.contact_id}/edit`} className={buttonClasses("ghost", "sm")} aria-label={`Edit ${name}`}>
                            <Pencil className="h-4 w-4" aria-hidden="true" /> Edit
                          </Link>
                          <ContactDelete contact={{ site_id: siteId, contact_id: c.contact_id, name }} action={deleteContactAction} />
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
