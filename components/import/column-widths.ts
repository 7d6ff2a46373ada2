// The review grid's (review-grid.tsx) column tracks: each field's column as wide as its longest value
// (or the preview shown in an empty cell), so a time zone, an address or an email is read whole in its
// box on a laptop, not cut at a fixed 9rem. A column never narrows below 9rem, and stops growing at
// MAX_CHARS (a stray paragraph in a cell scrolls in its box rather than widening the grid for all).
import type { ReviewRow } from "./review-types";

const MIN_REM = 9;
const MAX_CHARS = 60;
/**
 * A character of the boxes' text (0.875rem) at its widest but for a few capitals, in rem: not `ch`, which
 * each element reads in its own font size, and the header's is smaller than the rows'.
 */
const CHAR_REM = 0.6;
/** The cell's and the text box's padding and ring around the text, in rem. */
const PADDING_REM = 2;
const SHEET_LINE = "5.5rem";
const PROBLEMS = "minmax(18rem, 2fr)";
const PROBLEMS_MIN = "18rem";
const ACTIONS = "6.5rem";

/** Each field's longest value among the rows, in characters (capped at MAX_CHARS). */
export function longestValues<F extends string>(rows: readonly ReviewRow<F>[], fields: readonly F[]): number[] {
  return fields.map((f) => {
    let n = 0;
    for (const r of rows) n = Math.max(n, (r.values[f] ?? "").length, (r.placeholders?.[f] ?? "").length);
    return Math.min(n, MAX_CHARS);
  });
}

/**
 * The columns' tracks and the minimum width, as the CSS variables the grid's rows read: --cols below
 * 768 px (no problems column), --cols-md from there, and each's minimum width (--min-w, --min-w-md).
 * The header and every row get the same width, so their columns line up and a row is as wide as what
 * it shows: a row only as wide as the viewport would carry its sticky cells off with it when the grid
 * scrolls sideways.
 */
export function columnSizes(longest: readonly number[]): Record<string, string> {
  const mins = longest.map((n) => `${Math.max(MIN_REM, Math.ceil(n * CHAR_REM + PADDING_REM))}rem`);
  const tracks = [...mins.map((m) => `minmax(${m}, 1fr)`), ACTIONS].join(" ");
  const sum = (parts: string[]) => `calc(${parts.join(" + ")})`;
  return {
    "--cols": `${SHEET_LINE} ${tracks}`,
    "--cols-md": `${SHEET_LINE} ${PROBLEMS} ${tracks}`,
    "--min-w": sum([SHEET_LINE, ...mins, ACTIONS]),
    "--min-w-md": sum([SHEET_LINE, PROBLEMS_MIN, ...mins, ACTIONS]),
  };
}
