import Link from "next/link";
import { CheckCircle2, XCircle } from "lucide-react";
import { Badge, Card, textLinkClass, cn } from "@/components/ui";
import type { Readiness } from "@/lib/readiness/rules";
import { plural } from "@/lib/plural";

/** "Ready" / "Not ready · 2 checks" — the sites list's column and the site page's badge. */
export function ReadinessBadge({ readiness }: { readiness: Readiness | undefined }) {
  if (!readiness) return <Badge tone="neutral">Unknown</Badge>;
  return readiness.ready ? (
    <Badge tone="success">Ready</Badge>
  ) : (
    <Badge tone="warning">
      {/* One box inside the badge (a flex row): in a narrow column it breaks after the dot, not inside a word. */}
      <span>
        <span className="whitespace-nowrap">Not ready ·</span>{" "}
        <span className="whitespace-nowrap">
          {readiness.failing.length} {plural(readiness.failing.length, "check")}
        </span>
      </span>
    </Badge>
  );
}

/** The site's checklist: each check with what was found and, when it fails, a link to the form that fixes it. */
export function ReadinessChecklist({ readiness, canEdit }: { readiness: Readiness; canEdit: boolean }) {
  return (
    <Card
      title="Readiness"
      description="What this site needs before an alarm comes in"
      actions={<ReadinessBadge readiness={readiness} />}
      data-testid="readiness"
    >
      <ul className="space-y-3">
        {readiness.checks.map((c) => (
          <li key={c.check} className="flex gap-3" data-testid={`readiness-${c.check}`} data-ok={c.ok ? "1" : "0"}>
            {c.ok ? (
              <CheckCircle2 className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" aria-hidden="true" />
            ) : (
              <XCircle className="mt-0.5 h-5 w-5 shrink-0 text-red-600" aria-hidden="true" />
            )}
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">
                <span className="sr-only">{c.ok ? "Passed: " : "Failed: "}</span>
                {c.label}
              </p>
              <p className="break-words text-slate-600">{c.detail}</p>
              {!c.ok && (canEdit || c.check === "devices_online") ? (
                <Link href={c.fixHref} className={cn("mt-1 inline-block", textLinkClass)}>
                  {c.fixLabel}
                </Link>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
