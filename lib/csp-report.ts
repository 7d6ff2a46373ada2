// CSP violation reports (the `report-uri` of the page CSP, lib/security-headers.ts): each one is a
// line in the server log, so a violation anywhere is seen, in production and by `npm test` (the
// e2e stage fails on any). Bounded: small bodies only, and at most REPORTS_PER_MINUTE lines a minute.
import { z } from "zod";
import { readBodyLimited } from "@/lib/webhooks/read-body";

export const CSP_LOG_TAG = "csp.violation";
const MAX_BYTES = 16 * 1024;
export const REPORTS_PER_MINUTE = 60;

let windowStart = 0;
let logged = 0;
let dropped = 0;

const report = z.record(z.string(), z.unknown());
type Report = z.output<typeof report>;
/** report-uri's format: one report a body. */
const legacyBody = z.object({ "csp-report": report });
/** The Reporting API's format: a list of reports, each under `body`. */
const reportingBody = z.array(z.object({ body: report }).nullable().catch(null));

function reportsOf(body: unknown): Report[] {
  const list = reportingBody.safeParse(body);
  if (list.success) return list.data.flatMap((r) => (r ? [r.body] : []));
  const one = legacyBody.safeParse(body);
  return one.success ? [one.data["csp-report"]] : [];
}

/** The fields worth a log line, from either report format; what is not a report is skipped. */
function summarise(body: unknown): Report[] {
  return reportsOf(body).map((r) => ({
    page: r["document-uri"] ?? r.documentURL,
    directive: r["violated-directive"] ?? r["effective-directive"] ?? r.effectiveDirective,
    blocked: r["blocked-uri"] ?? r.blockedURL,
    source: r["source-file"] ?? r.sourceFile,
    line: r["line-number"] ?? r.lineNumber,
  }));
}

export async function receiveCspReport(request: Request, now = Date.now()): Promise<Response> {
  const body = await readBodyLimited(request, MAX_BYTES);
  if (!body.ok) return new Response(null, { status: 413 });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.bytes).toString("utf8"));
  } catch {
    return new Response(null, { status: 400 });
  }
  if (now - windowStart >= 60_000) {
    if (dropped) console.warn(JSON.stringify({ at: CSP_LOG_TAG, dropped }));
    windowStart = now;
    logged = 0;
    dropped = 0;
  }
  for (const report of summarise(parsed)) {
    if (logged >= REPORTS_PER_MINUTE) {
      dropped++;
      continue;
    }
    logged++;
    console.warn(JSON.stringify({ at: CSP_LOG_TAG, ...report }));
  }
  return new Response(null, { status: 204 });
}
