// External IDs a dealer did not make up: "site-gangnam-hq-7k2f". The form fills one in (Generate,
// or on submit when the box is empty) and shows it, so a resend after a lost answer sends the same
// ID and CHeKT's "already exists" can be recognised as the earlier attempt (lib/lost-answer.ts).
// Pure: runs in the browser; randomness is passed in so tests can pin it.

export type ExternalIdKind = "site" | "contact" | "station" | "device";

/**
 * What the dealer's own identifier is called wherever it shows (forms, tables, sheets, messages): "Site ID (yours)",
 * in one place so a page and the import sheet read the same column by the same words.
 */
export function yourIdLabel(kind: ExternalIdKind | "dealer"): string {
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ID (yours)`;
}

/** The longest external ID we make or accept (ours: CHeKT allows 128). */
export const EXTERNAL_ID_MAX = 64;
/** The characters an external ID may hold, in words, for the messages that refuse others. */
export const EXTERNAL_ID_CHARS_TEXT = "letters, digits, dot, dash, colon and underscore";
// The same characters as regex class bodies: the separators, and all of them.
const SEPARATORS = "._:-";
const CHARS = `A-Za-z0-9${SEPARATORS}`;
/** An external ID's characters: a letter or digit first, then any of EXTERNAL_ID_CHARS_TEXT. */
export const EXTERNAL_ID_SHAPE = new RegExp(`^[A-Za-z0-9][${CHARS}]*$`);

/** True for text that is a whole external ID: its characters and its length. */
export function isExternalId(id: string): boolean {
  return id.length <= EXTERNAL_ID_MAX && EXTERNAL_ID_SHAPE.test(id);
}

/** Tokens: {kind}, {name} (a slug of the object's name), {date} (YYYYMMDD), {rand} (4 letters/digits). */
export const DEFAULT_EXTERNAL_ID_PATTERN = "{kind}-{name}-{rand}";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0/o, 1/l: read aloud over the phone

/** Four characters from `random` (values in [0, 1)). */
function randomPart(random: () => number): string {
  let out = "";
  for (let i = 0; i < 4; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
  return out;
}

// Letters NFKD does not split into a base letter and a mark, written the way their languages do in ASCII.
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };

/**
 * A name as an ID part, for the forms' IDs and the site import's {name} token (lib/import/id-pattern.ts):
 * "Gangnam HQ (Main)" → "gangnam-hq-main", "Zürich Süd" → "zurich-sud". Accents are dropped, not made
 * separators; lower case, so one name written in two cases gives one ID; at most 40 characters.
 */
export function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => LETTERS[c])
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}

const OTHER_CHARS = new RegExp(`[^${CHARS}]+`, "g");
const SEPARATOR_RUNS = new RegExp(`([${SEPARATORS}])[${SEPARATORS}]+`, "g");
const LEADING_SEPARATORS = new RegExp(`^[${SEPARATORS}]+`);
const TRAILING_SEPARATORS = new RegExp(`[${SEPARATORS}]+$`);

function browserRandom(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return buf[0] / 2 ** 32;
}

/**
 * An ID that passes isExternalId (lib/schemas/fields.ts's externalId rule). Empty tokens fold away.
 */
export function generateExternalId(
  kind: ExternalIdKind,
  name: string,
  opts: { pattern?: string; now?: Date; random?: () => number } = {},
): string {
  const now = opts.now ?? new Date();
  const date = now.toISOString().slice(0, 10).replace(/-/g, "");
  const tokens: Record<string, string> = {
    kind,
    name: slug(name),
    date,
    rand: randomPart(opts.random ?? browserRandom),
  };
  const filled = (opts.pattern ?? DEFAULT_EXTERNAL_ID_PATTERN).replace(/\{(\w+)\}/g, (_, t: string) => tokens[t] ?? "");
  const clean = filled
    .replace(OTHER_CHARS, "-")
    .replace(SEPARATOR_RUNS, "$1")
    .replace(LEADING_SEPARATORS, "")
    .slice(0, EXTERNAL_ID_MAX)
    .replace(TRAILING_SEPARATORS, "");
  // A pattern of nothing but a missing name still gives a usable ID.
  return clean || `${kind}-${tokens.rand}`;
}

/**
 * The form's values as sent: a blank `field` (the user neither typed nor generated an ID) gets a
 * generated one, named after `name`, so the ID is chosen before the first attempt and a resend
 * after a lost answer carries the same one.
 */
export function withExternalId<V extends Record<K, string>, K extends string>(
  values: V,
  field: K,
  kind: ExternalIdKind,
  name: string,
): V {
  return values[field].trim() ? values : { ...values, [field]: generateExternalId(kind, name) };
}
