import "server-only";
// The site page's Contacts card, from the mirror (no CHeKT call) with its freshness line. The page
// reads the rows with the rest of its data in one statement (lib/mirror/site-page-read.ts).
import { Fragment } from "react";
import Link from "next/link";
import { Pencil, Users } from "lucide-react";
import { ContactDelete } from "@/components/contacts/contact-delete";
import { Freshness } from "@/components/mirror/freshness";
import {
  AddLink,
  Badge,
  Card,
  DataTable,
  EmptyState,
  buttonClasses,
  type Column,
  rowLinkClass,
  cn,
} from "@/components/ui";
import type { SitePanelProps } from "@/components/sites/site-children-panels";
import type { MirroredContact as Contact } from "@/lib/mirror/contacts";
import { listSeenOf } from "@/lib/mirror/site-page-read";
import { freshnessFor } from "@/lib/mirror/view";
import { yourIdLabel } from "@/lib/external-id";

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

const nameOf = (c: Contact) => `${c.first_name} ${c.last_name}`.trim();

/**
 * An email that fits a narrow card: whole where the line has room, else broken at the @ first (each half
 * an inline-block that stays whole while it fits), then before a dot; the card's overflow-wrap:anywhere
 * (app/globals.css) splits inside a name only when a part is wider than the line on its own.
 */
function EmailText({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  const parts = at > 0 ? [email.slice(0, at), email.slice(at)] : [email];
  return (
    <span>
      {parts.map((part, i) => (
        // An inline-block draws no underline of its link's: its own, on the link's hover.
        <span key={i} className="inline-block max-w-full group-hover:underline">
          {part.split(/(?=\.)/).map((piece, j) => (
            <Fragment key={j}>
              {j > 0 ? <wbr /> : null}
              {piece}
            </Fragment>
          ))}
        </span>
      ))}
    </span>
  );
}

function ContactLink({ scheme, value }: { scheme: "tel" | "mailto"; value: string }) {
  return (
    <a className={cn("group", rowLinkClass)} href={`${scheme}:${value}`}>
      {scheme === "mailto" ? <EmailText email={value} /> : value}
    </a>
  );
}

/**
 * Small buttons, as the other lists' row actions (the users list's): on a laptop pulled up by the half of
 * their height that passes the row's 20 px line, so their text sits on the line of the row's other cells.
 */
function ContactActions({ siteId, contactId, name }: { siteId: number; contactId: number; name: string }) {
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 md:-my-1.5">
      <Link
        href={`/sites/${siteId}/contacts/${contactId}/edit`}
        className={buttonClasses("ghost", "sm")}
        aria-label={`Edit ${name}`}
      >
        <Pencil className="h-4 w-4" aria-hidden="true" /> Edit
      </Link>
      <ContactDelete contact={{ site_id: siteId, contact_id: contactId, name }} />
    </div>
  );
}

/** The contacts table's columns; the actions column edits and deletes the contacts CHeKT still has. */
function contactColumns(siteId: number): Column<Contact>[] {
  return [
    {
      key: "name",
      header: "Name",
      card: "title",
      className: "font-medium text-slate-900",
      cell: (c) => (
        <>
          {nameOf(c)}
          <MirrorChange contact={c} />
        </>
      ),
    },
    {
      key: "phone",
      header: "Phone",
      cell: (c) => (c.phone_number ? <ContactLink scheme="tel" value={c.phone_number} /> : "—"),
    },
    {
      key: "email",
      header: "Email",
      cell: (c) => (c.email ? <ContactLink scheme="mailto" value={c.email} /> : "—"),
    },
    {
      key: "external",
      header: yourIdLabel("contact"),
      className: "text-slate-600",
      cell: (c) => c.external_contact_id,
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      card: "actions",
      className: "text-right whitespace-nowrap",
      cell: (c) => (c.goneAt ? null : <ContactActions siteId={siteId} contactId={c.contact_id} name={nameOf(c)} />),
    },
  ];
}

export function SiteContactsPanel({
  dealerLinkId,
  siteId,
  canEdit,
  rows,
  contactsReadAt,
}: SitePanelProps & { rows: Contact[]; contactsReadAt: Date | null }) {
  const fresh = freshnessFor(dealerLinkId, [{ kind: "contacts", siteId }], listSeenOf(rows, contactsReadAt));
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
      <DataTable<Contact>
        caption="Contacts"
        testId="contacts-table"
        flush
        rows={rows}
        rowKey={(c) => c.contact_id}
        rowAttrs={() => ({ "data-testid": "contact-row" })}
        rowClassName={(c) => (c.goneAt ? "bg-slate-50" : undefined)}
        hidden={canEdit ? [] : ["actions"]}
        empty={
          <div className="p-4">
            <EmptyState
              icon={<Users className="h-6 w-6" />}
              title="No contacts yet"
              description="Without a contact, nobody can be called to verify an alarm at this site."
            />
          </div>
        }
        columns={contactColumns(siteId)}
      />
    </Card>
  );
}
