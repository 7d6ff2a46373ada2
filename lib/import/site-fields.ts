// The "sites" kind of the paste pipeline: one sheet row is one site with up to MAX_CONTACTS
// contacts in columns beside it (docs/import.md says why not a second sheet). Client-safe.
import { headerLookup, type ColumnSpec } from "@/lib/bulk/columns";
import { yourIdLabel } from "@/lib/external-id";

export const MAX_CONTACTS = 3;
const CONTACT_PARTS = ["name", "first_name", "last_name", "phone", "email"] as const;
type ContactPart = (typeof CONTACT_PARTS)[number];

const SITE_ONLY = [
  "external_site_id",
  "name",
  "timezone",
  "station",
  "account_number",
  "address1",
  "address2",
  "arming",
] as const;
type SiteOnlyField = (typeof SITE_ONLY)[number];
export type ContactField = `contact${1 | 2 | 3}_${ContactPart}`;
export type SiteField = SiteOnlyField | ContactField;

export const contactField = (n: number, part: ContactPart) => `contact${n}_${part}` as ContactField;

export const SITE_FIELDS: readonly SiteField[] = [
  ...SITE_ONLY,
  ...Array.from({ length: MAX_CONTACTS }, (_, i) => CONTACT_PARTS.map((p) => contactField(i + 1, p))).flat(),
];

const PART_LABEL: Record<ContactPart, string> = {
  name: "name",
  first_name: "first name",
  last_name: "last name",
  phone: "phone",
  email: "email",
};

export const SITE_FIELD_LABELS = Object.fromEntries(
  SITE_FIELDS.map((f) => {
    const c = /^contact(\d)_(.+)$/.exec(f);
    if (c) return [f, `Contact ${c[1]} ${PART_LABEL[c[2] as ContactPart]}`];
    const own: Record<SiteOnlyField, string> = {
      external_site_id: yourIdLabel("site"),
      name: "Name",
      timezone: "Time zone",
      station: "Monitoring station",
      account_number: "Account number",
      address1: "Address",
      address2: "Address line 2",
      arming: "Arming type",
    };
    return [f, own[f as SiteOnlyField]];
  }),
) as Record<SiteField, string>;

const SITE_SYNONYMS: Record<SiteOnlyField, string[]> = {
  external_site_id: [
    "site id yours",
    "external site id",
    "external id",
    "site id",
    "ext id",
    "customer id",
    "id",
    "reference",
    "ref",
  ],
  name: ["name", "site name", "site", "customer", "customer name", "premises"],
  timezone: ["time zone", "timezone", "tz", "zone", "city"],
  station: [
    "monitoring station",
    "station",
    "central station",
    "monitoring center",
    "monitoring centre",
    "station name",
  ],
  account_number: ["account number", "account", "account no", "account #", "acct", "acct no", "cs account"],
  address1: ["address", "address 1", "address1", "street", "address line 1"],
  address2: ["address 2", "address2", "address line 2", "suite", "unit"],
  arming: ["arming", "arming type", "security type", "arming mode"],
};

function contactSynonyms(n: number, part: ContactPart): string[] {
  const words: Record<ContactPart, string[]> = {
    name: ["name", "full name"],
    first_name: ["first name", "first", "given name"],
    last_name: ["last name", "last", "surname", "family name"],
    phone: ["phone", "phone number", "mobile", "cell", "mobile phone", "tel"],
    email: ["email", "e mail", "email address"],
  };
  const out: string[] = [];
  for (const w of words[part]) out.push(`contact ${n} ${w}`, `contact${n} ${w}`, `contact ${w} ${n}`, `c${n} ${w}`);
  // A lone "Contact name" / "Phone" column is contact 1's.
  if (n === 1) for (const w of words[part]) if (w !== "name") out.push(`contact ${w}`);
  if (n === 1)
    out.push(...(part === "name" ? ["contact", "contact name"] : part === "phone" || part === "email" ? [part] : []));
  return out;
}

const SYNONYMS = Object.fromEntries(
  SITE_FIELDS.map((f) => {
    const c = /^contact(\d)_(.+)$/.exec(f);
    return [f, c ? contactSynonyms(Number(c[1]), c[2] as ContactPart) : SITE_SYNONYMS[f as SiteOnlyField]];
  }),
) as Record<SiteField, string[]>;

export const siteFieldForHeader = headerLookup(SYNONYMS);

export const SITE_COLUMNS: ColumnSpec<SiteField> = {
  // Headerless sheets fill the site's own columns first, then contact 1's name, phone and email.
  fields: [
    ...SITE_ONLY,
    "contact1_name",
    "contact1_phone",
    "contact1_email",
    "contact2_name",
    "contact2_phone",
    "contact2_email",
  ],
  fieldForHeader: siteFieldForHeader,
  sniffers: [{ field: "timezone", test: (v) => /^[A-Z][a-z]+\/[A-Za-z_]+/.test(v) }],
};

export type SiteValues = Partial<Record<SiteField, string>>;
