// Turns text pasted from a spreadsheet (TSV) or a CSV export into a table of cells.
// Client-safe and total: any input yields a table, never an exception.
import Papa from "papaparse";
import { isHeaderRow } from "./columns";
import { DEVICE_COLUMNS } from "./mapping";

export type Delimiter = "\t" | "," | ";" | "|";
const CANDIDATES: Delimiter[] = ["\t", ",", ";", "|"];

export type ParsedPaste = {
  delimiter: Delimiter;
  /** Every non-blank row, header included when there is one. */
  rows: string[][];
  /**
   * The sheet line of each of `rows` (1-based, header counted, blank lines counted): the number
   * the user sees in the spreadsheet, so the review and the job page can name the same line.
   */
  lines: number[];
  /** True when the first row looks like column names (the user can override). */
  headerDetected: boolean;
  /** Problems papaparse reported (e.g. an unterminated quote), with their 1-based row. */
  warnings: string[];
};

function isBlank(row: string[]): boolean {
  return row.every((c) => c.trim() === "");
}

/**
 * The line break of a sheet, judged on its first 64 kB the way papaparse judges it (quoted cells
 * left out, then \r\n, \r or \n by which comes first and most): papaparse's own guess copies and
 * splits up to a megabyte of text on every parse, which a 10,000-row sheet paid five times.
 */
export function detectNewline(text: string): "\r\n" | "\r" | "\n" {
  const sample = (text.length > 64_000 ? text.slice(0, 64_000) : text).replace(/"[^]*?"/g, "");
  const r = sample.split("\r");
  const n = sample.indexOf("\n");
  if (r.length === 1 || (n !== -1 && n < r[0].length)) return "\n";
  let withN = 0;
  for (let i = 1; i < r.length; i++) if (r[i][0] === "\n") withN++;
  return withN >= r.length / 2 ? "\r\n" : "\r";
}

function parseWith(text: string, delimiter: Delimiter, newline = detectNewline(text)) {
  const out = Papa.parse<string[]>(text, { delimiter, newline, skipEmptyLines: false, header: false });
  const rows: string[][] = [];
  const lines: number[] = [];
  out.data.forEach((r, i) => {
    if (!Array.isArray(r) || isBlank(r)) return;
    rows.push(r.map((c) => String(c ?? "")));
    lines.push(i + 1);
  });
  return { rows, lines, errors: out.errors };
}

// Papaparse's own guess gives up on short pastes (two rows and a trailing newline), so we score
// each candidate: a delimiter that leaves quotes malformed loses, then the one that splits most
// rows into the same number (>1) of cells wins. Ties go to tab, which is what Excel and Google
// Sheets put on the clipboard.
function score(rows: string[][]): number {
  if (rows.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = 0;
  let bestWidth = 1;
  for (const [width, n] of counts) if (n > best || (n === best && width > bestWidth)) [best, bestWidth] = [n, width];
  if (bestWidth < 2) return 0;
  return (best / rows.length) * 1000 + Math.min(bestWidth, 50);
}

export function detectDelimiter(text: string): Delimiter {
  const sample = text.length > 64_000 ? text.slice(0, 64_000) : text;
  let best: Delimiter = "\t";
  let bestScore = -1;
  const newline = detectNewline(sample);
  for (const d of CANDIDATES) {
    const parsed = parseWith(sample, d, newline);
    const quoteErrors = parsed.errors.filter((e) => e.type === "Quotes").length;
    const s = score(parsed.rows) - quoteErrors * 10_000;
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return best;
}

/** A first row is a header when at least one cell names a known field and none is a device type. */
export function looksLikeHeader(row: string[] | undefined): boolean {
  return isHeaderRow(DEVICE_COLUMNS, row);
}

export type ParseOptions = {
  delimiter?: Delimiter;
  /** Whether a first row is column names; each kind knows its own (default: devices'). */
  isHeader?: (row: string[] | undefined) => boolean;
};

export function parsePaste(text: string, opts: ParseOptions = {}): ParsedPaste {
  const input = typeof text === "string" ? text.replace(/^\uFEFF/, "") : "";
  const delimiter = opts.delimiter ?? detectDelimiter(input);
  const { rows, lines, errors } = parseWith(input, delimiter);
  const warnings = errors
    .filter((e) => e.code !== "UndetectableDelimiter")
    .map((e) => `Row ${(e.row ?? 0) + 1}: ${e.message}`);
  return { delimiter, rows, lines, headerDetected: (opts.isHeader ?? looksLikeHeader)(rows[0]), warnings };
}

/** The inverse of parsePaste for a table: what a spreadsheet would put on the clipboard. */
export function unparseTable(rows: string[][], delimiter: Delimiter = "\t"): string {
  return Papa.unparse(rows, { delimiter, quotes: true, newline: "\r\n" });
}
