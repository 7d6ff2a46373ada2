// Bundled by bench/import.ts with esbuild and run inside Chromium: the import page's own code
// (lib/bulk/parse + columns, lib/import validation), timed where it really runs.
import { applyColumns, guessColumns, isHeaderRow } from "@/lib/bulk/columns";
import { parsePaste } from "@/lib/bulk/parse";
import { SITE_COLUMNS } from "@/lib/import/site-fields";
import { countInvalidSites, validateSiteRows, type SiteContext } from "@/lib/import/validate";

export function sheetOf(n: number): string {
  const lines = [
    "Site ID,Site name,Time zone,Monitoring station,Account,Address,Arming,Contact 1 name," +
      "Contact 1 phone,Contact 1 email,Contact 2 name,Contact 2 phone",
  ];
  const zones = ["New York", "America/Chicago", "Los Angeles", "Seoul", "UTC"];
  for (let i = 0; i < n; i++) {
    const phone = `212 555 ${String(1000 + (i % 9000)).padStart(4, "0")}`;
    lines.push(
      `S-${i},"Site ${i}, Main St",${zones[i % 5]},Central Station,${10_000 + i},${i} Main St,video,` +
        `Ann Lee,${phone},ann${i}@example.com,Bo Park,(415) 555-0101`,
    );
  }
  return lines.join("\r\n");
}

/** Parse + match columns + validate `n` rows `runs` times; returns each run's milliseconds. */
export function measure(n: number, runs: number): { ms: number[]; invalid: number } {
  const text = sheetOf(n);
  const ctx: SiteContext = {
    stations: [
      { id: 1, name: "Central Station" },
      { id: 2, name: "Rapid Response" },
    ],
    existingSiteIds: new Set(["S-x"]),
    accountsInUse: new Map(),
    pattern: "SITE-{seq:5}",
    seqStart: 1,
  };
  const ms: number[] = [];
  let invalid = -1;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const p = parsePaste(text, { isHeader: (row) => isHeaderRow(SITE_COLUMNS, row) });
    const rows = validateSiteRows(
      applyColumns(p.rows, guessColumns(SITE_COLUMNS, p.rows, p.headerDetected), p.headerDetected, p.lines),
      ctx,
    );
    invalid = countInvalidSites(rows);
    ms.push(performance.now() - t0);
  }
  return { ms, invalid };
}
