// External IDs made from a dealer-chosen pattern when the sheet has none: `SITE-{seq:5}` gives
// SITE-00001, SITE-00002…; `{account}` uses the row's account number; `{name}` a slug of the
// site name (the forms' slug, lib/external-id.ts). Client-safe: the review previews the IDs the job will use.
import { EXTERNAL_ID_CHARS_TEXT, EXTERNAL_ID_SHAPE, slug } from "@/lib/external-id";

export const DEFAULT_ID_PATTERN = "SITE-{seq:5}";
const TOKEN = /\{(seq(?::(\d{1,2}))?|account|name)\}/g;

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  const p = pattern.trim();
  if (!p) return "Enter a pattern, e.g. SITE-{seq:5} or {account}";
  if (p.length > 48) return "A pattern is at most 48 characters";
  if (!/\{(seq(:\d{1,2})?|account|name)\}/.test(p)) return "A pattern needs {seq}, {seq:5}, {account} or {name}";
  const literal = p.replace(TOKEN, "0");
  if (/[{}]/.test(literal)) return "Only {seq}, {seq:N}, {account} and {name} can go in braces";
  if (!EXTERNAL_ID_SHAPE.test(literal)) return `Outside the braces use ${EXTERNAL_ID_CHARS_TEXT}`;
  return null;
}

/** The ID for one row; `seq` counts the rows that needed one, from the dealer's next number. */
export function expandPattern(pattern: string, row: { seq: number; account?: string; name?: string }): string {
  return pattern.trim().replace(TOKEN, (_, token: string, width?: string) => {
    if (token.startsWith("seq")) return String(row.seq).padStart(Number(width ?? 0), "0");
    if (token === "account") return (row.account ?? "").trim();
    return slug(row.name ?? "");
  });
}

/** The next {seq} after the highest one the pattern already produced among `existing` IDs. */
export function nextSeq(pattern: string, existing: Iterable<string>): number {
  const p = pattern.trim();
  if (!/\{seq(:\d{1,2})?\}/.test(p)) return 1;
  let seqGroup = -1;
  let groups = 0;
  const source = p
    .split(TOKEN)
    .reduce<string[]>((acc, part, i, all) => {
      // split() with 2 capture groups yields [literal, token, width, literal, …].
      const kind = i % 3;
      if (kind === 0) acc.push(part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      else if (kind === 1) {
        if (part.startsWith("seq")) seqGroup = groups;
        groups++;
        acc.push(part.startsWith("seq") ? "(\\d+)" : "(.+?)");
      }
      void all;
      return acc;
    }, [])
    .join("");
  const re = new RegExp(`^${source}$`);
  let max = 0;
  for (const id of existing) {
    const m = re.exec(id);
    if (m && seqGroup >= 0) max = Math.max(max, Number(m[seqGroup + 1]));
  }
  return max + 1;
}
