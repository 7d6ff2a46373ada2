// Per-row validation of an imported site sheet, the same code in the browser (every problem is
// shown in the review before anything is sent) and in the action (the browser is never trusted).
// Names are resolved first (station by name, arming type by name, time zone by city), then the
// site and each contact go through the forms' own zod schemas (lib/schemas/site.ts, contact.ts),
// so an imported site is held to exactly what the site form would accept.
import type { z } from "zod";
import { stationAccountKey } from "@/lib/readiness/account-number";
import { SECURITY_TYPES, type SecurityType } from "@/lib/schemas/arming";
import { createContactSchema } from "@/lib/schemas/contact";
import { createSiteSchema } from "@/lib/schemas/site";
import { isValidTimeZone } from "@/lib/schemas/timezones";
import { fastContact, fastSite, type SiteCells } from "./fast-check";
import { expandPattern } from "./id-pattern";
import { importPhoneField } from "./phone";
import {
  contactField,
  MAX_CONTACTS,
  SITE_FIELD_LABELS,
  SITE_FIELDS,
  type SiteField,
  type SiteValues,
} from "./site-fields";
import { zoneFor, zoneProblem } from "./zone-names";

// The contact form's schema, its phone rule sped up for sheets (./phone.ts says why).
const importContactSchema = createContactSchema.extend({ phone_number: importPhoneField("Phone") });

export type SiteDto = z.output<typeof createSiteSchema>;
export type ContactDto = z.output<typeof createContactSchema>;

/** What the job sends for one row: the site, then its contacts, then its arming type. */
export type SiteImport = { site: SiteDto; contacts: ContactDto[]; securityType: SecurityType | null };

export type SiteErrors = Partial<Record<SiteField, string>>;

export type ValidatedSite = {
  line: number;
  values: SiteValues;
  errors: SiteErrors;
  /** The external ID the pattern gives this row when its cell is empty (the review previews it). */
  generatedId: string | null;
  item: SiteImport | null;
};

export type SiteContext = {
  stations: readonly { id: number; name: string }[];
  /** External IDs of the dealer's sites (mirror + our mappings): CHeKT keeps them unique. */
  existingSiteIds: ReadonlySet<string>;
  /** stationAccountKey (lib/readiness/account-number.ts) → the site already using it, e.g. `"Harbor" (#12)`. */
  accountsInUse: ReadonlyMap<string, string>;
  /** The dealer's ID pattern; null = every row must bring its own ID. */
  pattern: string | null;
  seqStart: number;
};

const ARMING_WORDS: [RegExp, SecurityType][] = [
  [/^(1|primary bridge|panel primary|alarm panel primary)$/, 1],
  [/^(2|individual bridges?|panel individual|alarm panel individual)$/, 2],
  [/^(3|video|chekt|chekt video|video only)$/, 3],
  [/^(4|external|alarm com|alarmcom|third party)$/, 4],
];
const armingKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** CHeKT's security type for an arming cell: its title (any case), 1–4, or a short name. */
export function armingFor(input: string): SecurityType | null {
  const k = armingKey(input);
  const byTitle = SECURITY_TYPES.find((t) => armingKey(t.title) === k);
  if (byTitle) return byTitle.value;
  return ARMING_WORDS.find(([re]) => re.test(k))?.[1] ?? null;
}

export type StationIndex = { byName: Map<string, { id: number; name: string }[]>; byId: Map<number, string> };

export function stationIndex(stations: SiteContext["stations"]): StationIndex {
  const byName = new Map<string, { id: number; name: string }[]>();
  for (const s of stations) {
    const k = s.name.trim().toLowerCase();
    byName.set(k, [...(byName.get(k) ?? []), s]);
  }
  return { byName, byId: new Map(stations.map((s) => [s.id, s.name])) };
}

const cell = (values: SiteValues, f: SiteField) => (values[f] ?? "").trim();
/** The ID column's name as the site forms have it, in the messages about it too. */
const SITE_ID = SITE_FIELD_LABELS.external_site_id;

const SITE_PATH: Record<string, SiteField> = {
  external_site_id: "external_site_id",
  name: "name",
  timezone: "timezone",
  monitoring_station_id: "station",
  account_number: "account_number",
  address1: "address1",
  address2: "address2",
};

const ONE_SPACE = /^\S+ \S+$/;

function splitName(full: string): { first: string; last: string } {
  // "Ann Lee", by far the most common shape, without splitting and joining.
  if (ONE_SPACE.test(full)) {
    const at = full.indexOf(" ");
    return { first: full.slice(0, at), last: full.slice(at + 1) };
  }
  const parts = full.trim().split(/\s+/);
  if (parts.length < 2) return { first: parts[0] ?? "", last: "" };
  return { first: parts.slice(0, -1).join(" "), last: parts[parts.length - 1] };
}

/**
 * Answers that depend only on one cell's text, kept for one validateSiteRows call: a sheet names
 * a handful of zones, stations and arming types over thousands of rows.
 */
type Memo = {
  zone: Map<string, string | null>;
  zoneOk: Map<string, boolean>;
  arming: Map<string, SecurityType | null>;
};
const newMemo = (): Memo => ({ zone: new Map(), zoneOk: new Map(), arming: new Map() });
function remember<V>(m: Map<string, V>, k: string, f: (k: string) => V): V {
  if (m.has(k)) return m.get(k) as V;
  const v = f(k);
  m.set(k, v);
  return v;
}

// Field names per contact number, built once rather than per row and cell.
const CONTACT_CELLS = Array.from({ length: MAX_CONTACTS }, (_, i) => ({
  name: contactField(i + 1, "name"),
  first_name: contactField(i + 1, "first_name"),
  last_name: contactField(i + 1, "last_name"),
  phone: contactField(i + 1, "phone"),
  email: contactField(i + 1, "email"),
}));

/** One row on its own (duplicates and IDs from the pattern are checked in validateSiteRows). */
function checkRow(
  values: SiteValues,
  externalId: string,
  stations: StationIndex,
  memo: Memo = newMemo(),
): { errors: SiteErrors; item: SiteImport | null; stationId: number | undefined } {
  const errors: SiteErrors = {};
  markUndecodedCells(values, errors);
  const timezone = resolveZone(values, memo, errors);
  const stationId = resolveStation(values, stations, errors);
  const securityType = resolveArming(values, memo, errors);
  const site = checkSite(
    {
      external_site_id: externalId,
      name: cell(values, "name"),
      timezone,
      monitoring_station_id: stationId === undefined ? "" : String(stationId),
      account_number: cell(values, "account_number"),
      address1: cell(values, "address1"),
      address2: cell(values, "address2"),
    },
    memo,
    errors,
  );
  const contacts = rowContacts(values, externalId, errors);
  const item = Object.keys(errors).length === 0 && site !== null ? { site, contacts, securityType } : null;
  return { errors, item, stationId };
}

/** A cell read with the wrong encoding holds U+FFFD; say so rather than send the mangled text. */
function markUndecodedCells(values: SiteValues, errors: SiteErrors): void {
  for (const f of SITE_FIELDS) {
    const v = values[f];
    if (v !== undefined && v.includes("\uFFFD")) {
      errors[f] = `${SITE_FIELD_LABELS[f]} has characters that were not UTF-8 text (�): save the sheet as UTF-8`;
    }
  }
}

/** The IANA zone the time zone cell names, or the cell as written when it names none. */
function resolveZone(values: SiteValues, memo: Memo, errors: SiteErrors): string {
  const tzCell = cell(values, "timezone");
  const timezone = tzCell ? remember(memo.zone, tzCell, zoneFor) : "";
  const problem = tzCell && !timezone ? zoneProblem(tzCell) : null;
  if (problem) errors.timezone = problem;
  return timezone || tzCell;
}

/** The station cell by name, or by number when no station has that name. */
function resolveStation(values: SiteValues, stations: StationIndex, errors: SiteErrors): number | undefined {
  const stationCell = cell(values, "station");
  if (!stationCell) return undefined;
  const hits = stations.byName.get(stationCell.toLowerCase()) ?? [];
  const asId = /^#?\d+$/.test(stationCell) ? Number(stationCell.replace("#", "")) : NaN;
  if (hits.length === 1) return hits[0].id;
  if (hits.length === 0 && stations.byId.has(asId)) return asId;
  errors.station =
    hits.length > 1
      ? `Two monitoring stations are named "${stationCell}"; ` + `use its number (#${hits[0].id} or #${hits[1].id})`
      : `No monitoring station is named "${stationCell}"; add it under Stations or fix the name`;
  return undefined;
}

function resolveArming(values: SiteValues, memo: Memo, errors: SiteErrors): SecurityType | null {
  const armingCell = cell(values, "arming");
  const securityType = armingCell ? remember(memo.arming, armingCell, armingFor) : null;
  if (armingCell && securityType === null) {
    const titles = SECURITY_TYPES.map((t) => t.title).join(", ");
    errors.arming = `Arming type "${armingCell}" is not one of: ${titles} (or 1–4)`;
  }
  return securityType;
}

/** The site form's rules on the resolved cells; each issue goes on its cell unless one already has a message. */
function checkSite(siteCells: SiteCells, memo: Memo, errors: SiteErrors): SiteDto | null {
  // The fast path (./fast-check.ts) answers the common case; the schema answers the rest, with its messages.
  const fast = fastSite(siteCells, (z) => remember(memo.zoneOk, z, isValidTimeZone));
  if (fast) return fast;
  const site = createSiteSchema.safeParse(siteCells);
  if (site.success) return site.data;
  for (const issue of site.error.issues) {
    const f = SITE_PATH[String(issue.path[0])] ?? "name";
    if (!errors[f]) errors[f] = issue.message;
  }
  return null;
}

type ContactCells = (typeof CONTACT_CELLS)[number];

function rowContacts(values: SiteValues, externalId: string, errors: SiteErrors): ContactDto[] {
  const contacts: ContactDto[] = [];
  for (let n = 1; n <= MAX_CONTACTS; n++) {
    const contact = rowContact(values, n, externalId, errors);
    if (contact) contacts.push(contact);
  }
  return contacts;
}

/** Contact n of the row: null when its cells are all empty or it has a problem (put on its cell). */
function rowContact(values: SiteValues, n: number, externalId: string, errors: SiteErrors): ContactDto | null {
  const names = CONTACT_CELLS[n - 1];
  if (!contactGiven(values, names)) return null;
  const full = splitName(cell(values, names.name));
  const first = cell(values, names.first_name) || full.first;
  const last = cell(values, names.last_name) || full.last;
  const nameField = cell(values, names.name) ? names.name : null;
  if (!first || !last) {
    const target = nameField ?? (first ? names.last_name : names.first_name);
    errors[target] ??= `Contact ${n} needs a first and a last name`;
    return null;
  }
  const contactCells = {
    external_contact_id: `${externalId}-C${n}`,
    first_name: first,
    last_name: last,
    phone_number: cell(values, names.phone),
    email: cell(values, names.email),
  };
  const quick = fastContact(contactCells);
  if (quick) return quick;
  const parsed = importContactSchema.safeParse(contactCells);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    errors[contactIssueCell(String(issue.path[0]), names, nameField)] ??= `Contact ${n}: ${issue.message}`;
  }
  return null;
}

function contactGiven(values: SiteValues, names: ContactCells): boolean {
  return (
    cell(values, names.name) !== "" ||
    cell(values, names.first_name) !== "" ||
    cell(values, names.last_name) !== "" ||
    cell(values, names.phone) !== "" ||
    cell(values, names.email) !== ""
  );
}

/** The cell a contact schema issue belongs on: a split name's issues go on the name cell it came from. */
function contactIssueCell(path: string, names: ContactCells, nameField: SiteField | null): SiteField {
  if (path === "phone_number") return names.phone;
  if (path === "email") return names.email;
  if (path === "external_contact_id") return "external_site_id";
  return nameField ?? (path === "first_name" ? names.first_name : names.last_name);
}

/**
 * Validates every row: each on its own, then the sheet as a whole — a site ID twice in the
 * sheet or already in use, an account number twice on one station in the sheet or already used
 * there by another site. A later row names the first by its sheet line.
 */
export function validateSiteRows(
  rows: readonly { line: number; values: SiteValues }[],
  ctx: SiteContext,
): ValidatedSite[] {
  const stations = stationIndex(ctx.stations);
  const memo = newMemo();
  const firstId = new Map<string, number>();
  const firstAccount = new Map<string, number>();
  let seq = ctx.seqStart;
  return rows.map(({ line, values }) => {
    const own = cell(values, "external_site_id");
    const generatedId =
      own || !ctx.pattern
        ? null
        : expandPattern(ctx.pattern, { seq: seq++, account: values.account_number, name: values.name });
    const externalId = own || generatedId || "";
    const { errors, item, stationId } = checkRow(values, externalId, stations, memo);
    if (!own && !ctx.pattern)
      errors.external_site_id = `${SITE_ID} is required (or choose an ID pattern to generate one)`;
    else if (!own && generatedId && errors.external_site_id)
      errors.external_site_id = `Generated ID "${generatedId}": ${errors.external_site_id}`;
    if (externalId && !errors.external_site_id) {
      const first = firstId.get(externalId);
      if (first !== undefined) errors.external_site_id = `${SITE_ID} "${externalId}" is also on sheet line ${first}`;
      else {
        firstId.set(externalId, line);
        if (ctx.existingSiteIds.has(externalId)) errors.external_site_id = `A site "${externalId}" already exists`;
      }
    }
    const account = cell(values, "account_number");
    const k = stationAccountKey(stationId, account);
    if (k && !errors.account_number) {
      const first = firstAccount.get(k);
      const holder = ctx.accountsInUse.get(k);
      if (first !== undefined)
        errors.account_number = `Account number ${account} is also on sheet line ${first} for this station`;
      else {
        firstAccount.set(k, line);
        if (holder) errors.account_number = `Account number ${account} is already used on this station by ${holder}`;
      }
    }
    const ok = Object.keys(errors).length === 0;
    return { line, values, errors, generatedId, item: ok ? item : null };
  });
}

export function countInvalidSites(rows: readonly ValidatedSite[]): number {
  let n = 0;
  for (const r of rows) if (!r.item) n++;
  return n;
}
