import "server-only";
// The site page's Contacts card, read from the mirror (no CHeKT call) with its freshness line.
import Link from "next/link";
import { Pencil, Plus, Users } from "lucide-react";
import { ContactDelete } from "@/components/contacts/contact-delete";
import { Freshness } from "@/components/mirror/freshness";
import { Badge, Card, EmptyState, buttonClasses } from "@/components/ui";
import { prisma } from "@/lib/db";
import { listSeen, readSiteContacts } from "@/lib/mirror/contacts";
import { freshnessFor } from "@/lib/mirror/view";

export async function SiteContactsPanel({
  dealerLinkId,
  siteId,
  canEdit,
}: {
  dealerLinkId: string;
  siteId: number;
  canEdit: boolean;
}) {
  const { rows } = await readSiteContacts(prisma, dealerLinkId, siteId);
  const fresh = freshnessFor(dealerLinkId, [{ kind: "contacts", siteId }], await listSeen(prisma, dealerLinkId, rows));
  return (
    <Card
      className="mt-6"
      title="Contacts"
      description="People CHeKT calls to verify this site's alarms."
      flush
      actions={
        canEdit ? (
          <Link href={`/sites/${siteId}/contacts/new`} className={buttonClasses("primary", "sm")}>
            <Plus className="h-4 w-4" aria-hidden="true" />
            Add contact
          </Link>
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
                    {c.goneAt ? (
                      <>
                        {" "}
                        <Badge tone="danger">Deleted in CHeKT</Badge>
                      </>
                    ) : c.changedAt ? (
                      <>
                        {" "}
                        <Badge tone="warning">Changed in CHeKT</Badge>
                      </>
                    ) : null}
                  </p>
                  {c.phone_number ? (
                    <p>
                      <a className="text-indigo-700 hover:underline" href={`tel:${c.phone_number}`}>
                        {c.phone_number}
                      </a>
                    </p>
                  ) : null}
                  {c.email ? (
                    <p className="break-all">
                      <a className="text-indigo-700 hover:underline" href={`mailto:${c.email}`}>
                        {c.email}
                      </a>
                    </p>
                  ) : null}
                  <p className="text-slate-600">Your ID {c.external_contact_id}</p>
                  {canEdit && !c.goneAt ? (
                    <div className="mt-1 flex gap-1">
                      <Link
                        href={`/sites/${siteId}/contacts/${c.contact_id}/edit`}
                        className={buttonClasses("ghost", "sm")}
                        aria-label={`Edit ${name}`}
                      >
                        <Pencil className="h-4 w-4" aria-hidden="true" /> Edit
                      </Link>
                      <ContactDelete contact={{ site_id: siteId, contact_id: c.contact_id, name }} />
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
                        {c.goneAt ? (
                          <>
                            {" "}
                            <Badge tone="danger">Deleted in CHeKT</Badge>
                          </>
                        ) : c.changedAt ? (
                          <>
                            {" "}
                            <Badge tone="warning">Changed in CHeKT</Badge>
                          </>
                        ) : null}
                      </td>
                      <td className="px-4 py-2.5">
                        {c.phone_number ? (
                          <a className="text-indigo-700 hover:underline" href={`tel:${c.phone_number}`}>
                            {c.phone_number}
                          </a>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="px-4 py-2.5">
                        {c.email ? (
                          <a className="text-indigo-700 hover:underline" href={`mailto:${c.email}`}>
                            {c.email}
                          </a>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="px-4 py-2.5 text-slate-600">{c.external_contact_id}</td>
                      {canEdit ? (
                        <td className="px-4 py-2.5 text-right whitespace-nowrap">
                          {c.goneAt ? null : (
                            <>
                              <Link
                                href={`/sites/${siteId}/contacts/${c.contact_id}/edit`}
                                className={buttonClasses("ghost", "sm")}
                                aria-label={`Edit ${name}`}
                              >
                                <Pencil className="h-4 w-4" aria-hidden="true" /> Edit
                              </Link>
                              <ContactDelete contact={{ site_id: siteId, contact_id: c.contact_id, name }} />
                            </>
                          )}
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
