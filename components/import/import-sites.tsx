"use client";
// Importing sites with their contacts: the paste pipeline (paste-pipeline.tsx) with the sites'
// columns and checks (lib/import) and the dealer's pattern for rows without a site ID of their own.
// The pattern is saved before the sheet is read, so the review previews the IDs the job will use.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { Button, Input } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import type { Row } from "@/lib/bulk/columns";
import { siteContext, type ImportContextData } from "@/lib/import/context";
import { expandPattern, patternProblem } from "@/lib/import/id-pattern";
import { SITE_COLUMNS, SITE_FIELD_LABELS, type SiteField } from "@/lib/import/site-fields";
import { validateSiteRows } from "@/lib/import/validate";
import { saveIdPattern, startSiteImport } from "@/actions/site-import";
import { PastePipeline, type PipelineKind, type PipelineText } from "./paste-pipeline";
import { countText } from "@/lib/count-text";
import { plural } from "@/lib/plural";

const EXAMPLE =
  "Site ID (yours),Name,Time zone,Monitoring station,Account,Contact 1 name,Contact 1 phone\n" +
  ",Harbor Cafe,New York,Central Station,1001,Ann Lee,212 555 0143";

const TEXT: PipelineText = {
  steps: ["Sheet", "Match columns", "Review and import"],
  pasteTitle: "Paste or upload your sites",
  pasteDescription:
    "One row per site, with up to three contacts in columns beside it (Contact 1 name, Contact 1 phone, " +
    "Contact 1 email, Contact 2 …). Tab- or comma-separated, with a header row.",
  pasteLabel: "Site sheet",
  pasteRows: 10,
  placeholder: EXAMPLE,
  reviewTitle: "Review and import",
  reviewDescription:
    "Fix any row marked in red, right here. Nothing is sent until you import; rows are numbered by their sheet " +
    "line (header included), as on the job page.",
  gridLabel: "Sites to import",
  sendLabel: (n) => `Import ${countText(n)} ${plural(n, "site")}`,
};

export function ImportSites({ context }: { context: ImportContextData }) {
  const router = useRouter();
  const [pattern, setPattern] = useState(context.pattern);
  const runner = useActionRunner(startSiteImport);
  const patternRunner = useActionRunner(saveIdPattern);
  const ctx = useMemo(() => siteContext(context), [context]);

  const kind = useMemo<PipelineKind<SiteField>>(
    () => ({
      spec: SITE_COLUMNS,
      labels: SITE_FIELD_LABELS,
      noun: { one: "site", many: "sites" },
      sentVerb: "imported",
      // The ID column is always shown: it previews the generated IDs when the sheet has none.
      shownFields: (mapped) => (mapped.includes("external_site_id") ? mapped : ["external_site_id", ...mapped]),
      check: (rows) =>
        validateSiteRows(rows, ctx).map((v) => ({
          line: v.line,
          errors: v.errors,
          placeholders: v.generatedId ? { external_site_id: `${v.generatedId} (generated)` } : undefined,
        })),
    }),
    [ctx],
  );

  async function savePattern() {
    const res = await patternRunner.run({ pattern }, "ID pattern saved");
    if (res.ok) router.refresh();
  }

  async function send(rows: Row<SiteField>[], skipInvalid: boolean) {
    const res = await runner.run({ rows, skipInvalid, pattern: context.pattern }, "Import started");
    if (res.ok && res.data) router.push(`/sites/import/jobs/${res.data.jobId}`);
  }

  const problem = pattern === context.pattern ? null : patternProblem(pattern);
  const next = problem ? "—" : expandPattern(pattern, { seq: context.seqStart, account: "1001", name: "Harbor Cafe" });
  return (
    <PastePipeline
      kind={kind}
      text={TEXT}
      after={
        // The button lines up with the input's bottom edge, not with the hint or error under it: below
        // the label's line and gap (1.5rem), less the 0.25rem it stands taller than the input.
        <div className="mt-5 grid gap-3 rounded-md bg-slate-50 p-4 sm:grid-cols-[1fr_auto] sm:items-start">
          <Input
            label={`Pattern for rows without a ${SITE_FIELD_LABELS.external_site_id}`}
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
            error={problem}
            hint={
              `{seq:5} counts on from this dealer's highest (next: ${next}); ` +
              "{account} is the row's account number, {name} its name."
            }
          />
          <Button
            variant="secondary"
            className="sm:mt-5"
            onClick={savePattern}
            disabled={pattern === context.pattern || problem !== null}
            pending={patternRunner.pending}
          >
            Save pattern
          </Button>
        </div>
      }
      readBlocked={pattern !== context.pattern}
      send={send}
      pending={runner.pending}
      failure={runner.failure?.message ?? null}
    />
  );
}
