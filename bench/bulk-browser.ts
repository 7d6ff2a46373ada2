// Bundled by bench/bulk-provision.ts with esbuild and run inside Chromium: the same lib/bulk code
// the paste page runs, timed where it really runs.
import { parsePaste } from "@/lib/bulk/parse";
import { applyMapping, guessMapping } from "@/lib/bulk/mapping";
import { countInvalid, validateRows } from "@/lib/bulk/validate";

export function pasteOf(n: number): string {
  const lines = ["External ID\tType\tName\tZone\tAdditional zones\tMAC Address\tManufacturer\tModel\tSerial No"];
  for (let i = 0; i < n; i++) {
    const mac = (0x0a0000000000 + i).toString(16).padStart(12, "0");
    lines.push(
      `cam-${i}\t${i % 10 ? "camera" : "bridge"}\tCamera ${i}, "lobby"\t` +
        `${(i % 64) + 1}\t${(i % 64) + 2}, ${(i % 64) + 3}\t` +
        `${mac.match(/.{2}/g)!.join(i % 2 ? ":" : "-")}\tCHeKT\tCK-${i % 7}\tSN${i}`,
    );
  }
  return lines.join("\r\n");
}

/** Parse + map + validate `n` rows `runs` times; returns each run's milliseconds. */
export function measure(n: number, runs: number): { ms: number[]; invalid: number } {
  const text = pasteOf(n);
  const existing = new Set(["cam-x"]);
  const ms: number[] = [];
  let invalid = -1;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const p = parsePaste(text);
    const rows = validateRows(applyMapping(p.rows, guessMapping(p.rows, p.headerDetected), p.headerDetected), {
      mode: "create",
      existingExternalIds: existing,
    });
    invalid = countInvalid(rows);
    ms.push(performance.now() - t0);
  }
  return { ms, invalid };
}
