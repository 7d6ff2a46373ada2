import "server-only";
// The site page's Contacts card, from the mirror (no CHeKT call) with its freshness line. The page
// reads the rows with the rest of its data in one statement (lib/mirror/site-page-read.ts).
import Link from "next/link";
import { Pencil, Users } from "lucide-react";
import { ContactDelete } from "@/components/contacts/contact-delete";
import { Freshness } from "@/components/mirror/freshness";
import { AddLink, Badge, Card, EmptyState, buttonClasses } from "@/components/ui";
import type { SitePanelProps } from "@/components/sites/site-children-panels";
import type { MirroredContact as Contact } from "@/lib/mirror/contacts";
import { listSeenOf } from "@/lib/mirror/site-page-read";
import { freshnessFor } from "@/lib/mirror/view";

/** After the name: whether CHeKT deleted or changed the contact since it was written here. */
function MirrorChange({ contact }: { contact: Contact }) {
  if (!contact.goneAt && !contact.changedAt) return null;
  return (
    <>
      {" "}
      {contact.goneAt ? <Badge tone="danger">Deleted in CHeKT</Badge> : <Badge tone="warning">Changed in CHeKT</Badge>}
    </>
  );
}

function ContactLink({ scheme, value }: { scheme: "tel" | "mailto"; value: string }) {
  return (
    <a className="text-indigo-700 hover:underline" href={`${scheme}:${value}`}>
      {value}
    </a>
  );
}

function ContactActions({ siteId, contactId, name }: { siteId: number; contactId: number; name: string }) {
  return (
    <>
      <Link
        href={`/sites/${siteId}/contacts/${contactId}/edit`}
        className={buttonClasses("ghost", "sm")}
        aria-label={`Edit ${name}`}
      >
        <Pencil className="h-4 w-4" aria-hidden="true" /> Edit
      </Link>
      <ContactDelete contact={{ site_id: siteId, contact_id: contactId, name }} />
    </>
  );
}

export function SiteContactsPanel({
  dealerLinkId,
  siteId,
  canEdit,
  rows,
  syncFinishedAt,
}: SitePanelProps & { rows: Contact[]; syncFinishedAt: Date | null }) {
  const fresh = freshnessFor(dealerLinkId, [{ kind: "contacts", siteId }], listSeenOf(rows, syncFinishedAt));
  return (
    <Card
      className="mt-6"
      title="Contacts"
      description="People CHeKT calls to verify this site's alarms."
      flush
      actions={
        canEdit ? (
          <AddLink href={`/sites/${siteId}/contacts/new`} size="sm">
            Add contact
          </AddLink>
        ) : null
      }
    >
      <div className="border-b border-slate-100 px-4 py-2">
        <Freshness {...fresh} />
      </div>
      {rows.length === 0 ? (
        <div className="p-4">
          <EmptyState
            icon={<Users className="h-6 w-6" />}
            title="No contacts yet"
            description="Without a contact, nobody can be called to verify an alarm at this site."
          />
        </div>
      ) : (
        <>
          {/* Phones get a list: a table's minimum width would widen the whole page. */}
          <ul className="divide-y divide-slate-100 sm:hidden">
            {rows.map((c) => {
              const name = `${c.first_name} ${c.last_name}`.trim();
              return (
                <li
                  key={c.contact_id}
                  data-testid="contact-item"
                  className={c.goneAt ? "bg-slate-50 px-4 py-3 text-sm text-slate-500" : "px-4 py-3 text-sm"}
                >
                  <p className="font-medium text-slate-900">
                    {name}
                    <MirrorChange contact={c} />
                  </p>
                  {c.phone_number ? (
                    <p>
                      <ContactLink scheme="tel" value={c.phone_number} />
                    </p>
                  ) : null}
                  {c.email ? (
                    <p className="break-all">
                      <ContactLink scheme="mailto" value={c.email} />
                    </p>
                  ) : null}
                  <p className="text-slate-600">Your ID {c.external_contact_id}</p>
                  {canEdit && !c.goneAt ? (
                    <div className="mt-1 flex gap-1">
                      <ContactActions siteId={siteId} contactId={c.contact_id} name={name} />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <div className="hidden overflow-x-auto sm:block">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="contacts-table">
              <thead className="bg-slate-50">
                <tr>
                  {["Name", "Phone", "Email", "Contact ID (yours)", ...(canEdit ? [""] : [])].map((h, i) => (
                    <th
                      key={i}
                      scope="col"
                      className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600"
                    >
                      {h || <span className="sr-only">Actions</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((c) => {
                  const name = `${c.first_name} ${c.last_name}`.trim();
                  return (
                    <tr
                      key={c.contact_id}
                      data-testid="contact-row"
                      className={c.goneAt ? "bg-slate-50 text-slate-500" : undefined}
                    >
                      <td className="px-4 py-2.5 font-medium text-slate-900">
                        {name}
                        <MirrorChange contact={c} />
                      </td>
                      <td className="px-4 py-2.5">
                        {c.phone_number ? <ContactLink scheme="tel" value={c.phone_number} /> : "—"}
                      </td>
                      <td className="px-4 py-2.5">{c.email ? <ContactLink scheme="mailto" value={c.email} /> : "—"}</td>
                      <td className="px-4 py-2.5 text-slate-600">{c.external_contact_id}</td>
                      {canEdit ? (
                        <td className="px-4 py-2.5 text-right whitespace-nowrap">
                          {c.goneAt ? null : <ContactActions siteId={siteId} contactId={c.contact_id} name={name} />}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
