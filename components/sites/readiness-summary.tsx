import Link from "next/link";
import { CheckCircle2 } from "lucide-react";
import { Card, textLinkClass, cn } from "@/components/ui";
import { READINESS_CHECKS, READINESS_CHECK_KEYS } from "@/lib/readiness/rules";
import type { ReadinessSummary } from "@/lib/readiness/query";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

/** "The 1 site is ready." / "All 3 sites are ready." */
function allReady(sites: number): string {
  return `${sites === 1 ? "The" : "All"} ${countText(sites)} ${plural(sites, "site is", "sites are")} ready.`;
}

/** The dashboard's readiness card: how many sites are not ready, and how many fail each check. */
export function ReadinessSummaryCard({ summary }: { summary: ReadinessSummary }) {
  const failing = READINESS_CHECK_KEYS.filter((k) => summary.byCheck[k] > 0);
  return (
    <Card
      title="Site readiness"
      description="Sites missing something they need before an alarm"
      actions={
        summary.notReady ? (
          <Link href="/sites?ready=0" className={cn("text-sm font-medium", textLinkClass)}>
            Show the sites
          </Link>
        ) : null
      }
      data-testid="readiness-summary"
    >
      {summary.notReady === 0 ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <CheckCircle2 className="h-4 w-4 text-emerald-600" aria-hidden="true" />{" "}
          {summary.sites ? allReady(summary.sites) : "No sites yet."}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="count-not-ready">
              {countText(summary.notReady)}
            </span>{" "}
            of {countText(summary.sites)} {plural(summary.sites, "site")} not ready
          </p>
          <ul className="mt-3 divide-y divide-slate-100 text-sm" aria-label="Sites failing each check">
            <li className="flex justify-between gap-3 pb-1 text-xs font-semibold text-slate-600" aria-hidden="true">
              <span>Check not met</span>
              <span>Sites</span>
            </li>
            {failing.map((k) => (
              <li key={k} className="flex items-center justify-between gap-3 py-1.5" data-testid={`not-ready-${k}`}>
                <span className="text-slate-700">{READINESS_CHECKS[k]}</span>
                <span className="font-semibold tabular-nums text-slate-900">{countText(summary.byCheck[k])}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
