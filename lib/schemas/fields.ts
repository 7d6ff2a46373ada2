// Field rules shared by every form and action. Inputs are what a form holds (strings); outputs are
// what CHeKT expects, so a form can validate with the same schema the server action parses with.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { EXTERNAL_ID_CHARS_TEXT, EXTERNAL_ID_MAX, EXTERNAL_ID_SHAPE } from "@/lib/external-id";
import { fromKeys, keysOf } from "@/lib/keys-of";
import { EMAIL_MAX_LENGTH } from "@/lib/chekt/contract-lists";
import { isValidTimeZone } from "./timezones";

/** Numbers typed without a country code are read as North American (CHeKT's home market). */
export const DEFAULT_PHONE_COUNTRY: CountryCode = "US";

/** Our own identifier for an object: printable, no spaces, stable in URLs and CSV files. */
export const externalId = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(EXTERNAL_ID_MAX, `${label} must be at most ${EXTERNAL_ID_MAX} characters`)
    .regex(EXTERNAL_ID_SHAPE, `${label} may hold ${EXTERNAL_ID_CHARS_TEXT}, and must start with a letter or digit`);

export const requiredText = (label: string, max = 120) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** Optional free text: an empty box means "not given". */
export const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Normalises any way of writing a phone number to E.164 (+15551234567), or explains why not. */
export function normalisePhone(value: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): string | null {
  const parsed = parsePhoneNumberFromString(value.trim(), country);
  // isPossible (length per country) rather than isValid: demo and test numbers use 555 ranges.
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/**
 * An optional text cell read by `read`: empty is left out, text `read` finds nothing in is refused with
 * `refusal`, anything else becomes what `read` answered.
 */
const optionalRead = (refusal: string, read: (value: string) => string | null) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const value = read(v);
      if (!value) {
        ctx.addIssue({ code: "custom", message: refusal });
        return z.NEVER;
      }
      return value;
    });

/** An optional phone cell in E.164; `normalise` may be a faster path to the same answers (lib/import/phone.ts). */
export const optionalPhone = (label: string, normalise: (value: string) => string | null = (v) => normalisePhone(v)) =>
  optionalRead(`${label} is not a phone number we can dial (e.g. +1 212 555 0143)`, normalise);

// Built once: making it per call cost 0.15 ms a value, which a 10,000-row import pays 10,000 times.
const EMAIL = z.email();

/** An optional email cell, lower-cased. */
export const optionalEmail = (label: string) =>
  optionalRead(`${label} is not a valid email address (e.g. name@example.com)`, (v) =>
    EMAIL.safeParse(v).success && v.length <= EMAIL_MAX_LENGTH ? v.toLowerCase() : null,
  );

export const timeZone = () =>
  z
    .string({ error: "Time zone is required" })
    .trim()
    .min(1, "Time zone is required")
    .refine(isValidTimeZone, "Choose a time zone from the list (IANA name such as America/New_York)");

/**
 * The largest CHeKT id. CHeKT's ids are integers and the mirror keeps them in Postgres integer
 * columns: a larger number names nothing, and reaching SQL it fails the query (22003) instead.
 */
export const MAX_CHEKT_ID = 2_147_483_647;

/** True for a number that can be a CHeKT id: a whole number from 1 to MAX_CHEKT_ID. */
export const isChektId = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_CHEKT_ID;

/** True for text that names a CHeKT id in plain decimal digits (a URL filter, a route segment). */
export const isChektIdText = (v: string): boolean => /^\d+$/.test(v) && isChektId(Number(v));

/** A CHeKT id as JSON or an action carries it: a number, refused past MAX_CHEKT_ID. */
export const chektIdNumber = () => z.number().int().positive().max(MAX_CHEKT_ID);

/** A CHeKT id as it arrives from a form field, a route segment or JSON: a whole number from 1 to MAX_CHEKT_ID. */
export const chektId = (label: string) =>
  z
    .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], { error: `${label} must be a number` })
    .pipe(
      z
        .number({ error: `${label} must be a number` })
        // First: digits past 2^53 are no safe integer either, and "whole number" would mislead.
        .max(MAX_CHEKT_ID, `${label} must be a CHeKT ID (at most ${MAX_CHEKT_ID})`)
        .int(`${label} must be a whole number`)
        .positive(`${label} must be positive`),
    );

/** An optional CHeKT id picked from a select: "" means none. */
export const optionalChektId = (label: string) =>
  z
    .union([z.number(), z.string().trim()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const n = typeof v === "number" ? v : /^\d+$/.test(v) ? Number(v) : NaN;
      if (!isChektId(n)) {
        ctx.addIssue({ code: "custom", message: `${label} must be chosen from the list` });
        return z.NEVER;
      }
      return n;
    });

/**
 * For an edit form: an optional field the user emptied becomes null, which CHeKT reads as "clear
 * it" (PUT is partial, so a field left out keeps its value and only null removes one).
 */
export function clearable<T extends z.ZodType>(field: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), field.nullable());
}

/** The keys of the optional fields: those whose input may be undefined. */
type OptionalKeys<F extends Record<string, z.ZodType>> = {
  [K in keyof F]: undefined extends z.input<F[K]> ? K : never;
}[keyof F];

/**
 * An edit's fields (the changes schema of a site, station, contact or dealer): every field may be
 * left out (unchanged), and each optional one becomes clearable. The object's DTO checks the result
 * where it is called (editableSchemas' `matchesDtos`; the dealer's `satisfies` and assertSameKeys).
 */
export function changesSchema<F extends Record<string, z.ZodType>>(fields: F) {
  const optional = Object.entries(fields).filter(([, field]) => field.safeParse(undefined).success);
  // Object.fromEntries types its keys as string; these are the keys OptionalKeys names (the same test, in types).
  const clearing = Object.fromEntries(optional.map(([key, field]) => [key, clearable(field)])) as {
    [K in OptionalKeys<F>]: ReturnType<typeof clearable<F[K]>>;
  };
  return z.object(fields).partial().extend(clearing);
}

/** A form's fields as text, as the form holds them before the schema parses them. */
export type TextOf<F> = { [K in keyof F & string]: string };

/** What a create form starts from, and what it sends for a field left empty: "" for each field. */
export function emptyText<F extends object>(fields: F): TextOf<F> {
  return fromKeys(keysOf(fields), () => "");
}

/** True when A and B have exactly the same keys: a schema cannot silently miss or invent a field. */
export type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

/**
 * Compiles only when A and B have the same keys (`assertSameKeys<A, B>(true)`): a schema's output
 * checked against its CHeKT DTO where the schema is declared. Nothing happens at run time.
 */
export function assertSameKeys<A, B>(same: SameKeys<A, B>): void {
  void same;
}

/** True when a schema parses to the DTO CHeKT takes (what `satisfies z.ZodType<Dto>` checks), key for key. */
type ParsesTo<S extends z.ZodType, Dto> = [S] extends [z.ZodType<Dto>] ? SameKeys<z.output<S>, Dto> : false;

/**
 * The schemas of an object the console creates and edits in CHeKT (site, station, contact), made from
 * its fields and the ids naming it: what a create form starts from (`empty`), the create schema, an
 * edit's changes (only the fields that changed; an emptied optional field is cleared) and the edit's
 * input (`update`: the ids, then the changes). `Create` and `Update` are CHeKT's DTOs: a call compiles
 * only when the create and changes schemas parse to them, key for key (`matchesDtos`: `true`).
 */
export function editableSchemas<Create, Update>() {
  return <F extends Record<string, z.ZodType>, I extends z.ZodRawShape>(
    fields: F,
    id: z.ZodObject<I>,
    matchesDtos: ParsesTo<z.ZodObject<F>, Create> & ParsesTo<ReturnType<typeof changesSchema<F>>, Update>,
  ) => {
    void matchesDtos;
    const changes = changesSchema(fields);
    return { empty: emptyText(fields), create: z.object(fields), changes, update: editSchema(id, changes) };
  };
}

/** Refuses an edit that changes nothing (the form checks first; this guards forged calls). */
export function hasChanges(v: Record<string, unknown>, idKeys: string[]) {
  return Object.entries(v).some(([k, val]) => !idKeys.includes(k) && val !== undefined);
}

/**
 * An edit's input: the fields naming the object (`id`, none for the dealer's own profile), then only
 * the fields that changed (`changes`); an edit that changes nothing is refused (hasChanges).
 */
export function editSchema<I extends z.ZodRawShape, C extends z.ZodRawShape>(
  id: z.ZodObject<I>,
  changes: z.ZodObject<C>,
) {
  const idKeys = Object.keys(id.shape);
  return id
    .extend(changes.shape)
    .refine((v) => hasChanges(v, idKeys), "Nothing has changed, so there is nothing to save.");
}
