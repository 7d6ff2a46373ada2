import { receiveCspReport } from "@/lib/csp-report";

export const dynamic = "force-dynamic";

/** Browsers post CSP violation reports here (report-uri in the page CSP); no session needed. */
export async function POST(request: Request): Promise<Response> {
  return receiveCspReport(request);
}
