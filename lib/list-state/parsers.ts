// The value parsers every list page's URL state is declared with (nuqs parsers, so the same
// declarations serve the server loader and, where a page needs it, nuqs's client hooks). Stricter
// than nuqs's built-ins on purpose: parseAsInteger reads "12abc" as 12 and "0x10" as 16, which a
// bookmarked URL should never mean. A value a parser refuses becomes that control's default.
import { createMultiParser, createParser } from "nuqs/server";
import { toDate } from "@/lib/chekt/normalize";

/** Free text, trimmed; longer than `max` is refused (never cut: a cut search finds other rows). */
export const text = (max: number) =>
  createParser<string>({
    parse: (v) => {
      const t = v.trim();
      return t.length <= max ? t : null;
    },
    serialize: (v) => v,
  });

/** One of a fixed set of strings ("" may be one of them: "any"). */
export const oneOf = <const T extends string>(values: readonly T[]) =>
  createParser<T>({
    parse: (v) => ((values as readonly string[]).includes(v) ? (v as T) : null),
    serialize: (v) => v,
  });

/** A filter over a fixed set: one of `values`, or "" for any (the default). */
export const oneOfOrAny = <const T extends string>(values: readonly T[]) => oneOf(["", ...values]).withDefault("");

/** A whole number written in plain decimal digits, within [min, max]. */
export const intIn = (min: number, max: number) =>
  createParser<number>({
    parse: (v) => {
      if (!/^\d{1,12}$/.test(v.trim())) return null;
      const n = Number(v.trim());
      return n >= min && n <= max ? n : null;
    },
    serialize: (n) => String(n),
  });

/** One of a fixed set of numbers (page sizes). */
export const numberOf = (values: readonly number[]) =>
  createParser<number>({
    parse: (v) => (/^\d{1,6}$/.test(v.trim()) && values.includes(Number(v.trim())) ? Number(v.trim()) : null),
    serialize: (n) => String(n),
  });

/** A trimmed string the predicate accepts (ids in digits, time zones…). */
export const matching = (accept: (v: string) => boolean) =>
  createParser<string>({
    parse: (v) => {
      const t = v.trim();
      return t === "" || accept(t) ? t : null;
    },
    serialize: (v) => v,
  });

export const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** YYYY-MM-DD of a real calendar day (2026-02-30 is refused). */
export const isDay = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00.000Z`).toISOString().startsWith(v);
/**
 * A day, or an instant as the app reads every written date (toDate: ISO-8601 or "YYYY-MM-DD HH:MM[:SS]";
 * the audit and delivery logs take both). Without a zone it is UTC, as the pages write every time
 * ("10:30 UTC"): a filter copied from the page means what it showed, whatever the server's zone.
 */
export const isInstant = (v: string) => (DAY.test(v) ? isDay(v) : v.length <= 40 && toDate(v) !== null);

/**
 * The instant a From or To filter value (a UTC day or an instant as isInstant reads it, "" for none)
 * stands for; undefined for anything else. A To given as a day is the start of the next day, so the
 * range takes that whole day in and reads as "before To".
 */
export function rangeBound(value: string, bound: "from" | "to"): Date | undefined {
  if (!DAY.test(value)) return (value && toDate(value)) || undefined;
  const d = new Date(`${value}T00:00:00.000Z`);
  if (bound === "to") d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * A list's From / To filter as instants. A To that is not after From is dropped (`reversed`): the
 * page names it under "Some filters were ignored", so the rows shown are From onwards, not none.
 */
export function dateRange(from: string, to: string): { from?: Date; to?: Date; reversed: boolean } {
  const start = rangeBound(from, "from");
  const end = rangeBound(to, "to");
  const reversed = Boolean(start && end && start >= end);
  return { from: start, to: reversed ? undefined : end, reversed };
}

/**
 * Shown columns: a GET form's checkboxes send cols=a&cols=b, a link sends cols=a,b; both are read.
 * Unknown names are dropped, `always` is kept first; nothing known left means the defaults.
 */
export const columns = <const C extends string>(known: readonly C[], always: C, defaults: readonly C[]) =>
  createMultiParser<C[]>({
    parse: (values) => {
      const picked = values
        .flatMap((v) => v.split(","))
        .filter((c): c is C => (known as readonly string[]).includes(c));
      return picked.length ? [...new Set<C>([always, ...picked])] : [...defaults];
    },
    serialize: (cols) => [cols.join(",")],
    eq: (a, b) => a.length === b.length && a.every((c, i) => c === b[i]),
  });
