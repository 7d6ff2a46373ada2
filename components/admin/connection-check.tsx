"use client";
import { useState } from "react";
import { PlugZap } from "lucide-react";
import { Alert, Badge, Button, DataTable, UtcTime, type BadgeTone, type Column } from "@/components/ui";
import type { ConnectionReport, ScopeVerdict, Step } from "@/lib/settings/connection-check";
import type { Diagnosis } from "@/lib/settings/diagnose";
import { checkConnectionAction, checkEnvConnectionAction } from "@/actions/settings";
import { FormFailure } from "@/components/forms/form-failure";
import { useActionRunner } from "@/components/forms/use-action-runner";

function StepRow({ step }: { step: Step }) {
  if (!("diagnosis" in step)) {
    return (
      <li className="py-3">
        <div className="flex flex-wrap items-center gap-2">
          <Badge>Skipped</Badge>
          <code className="text-sm">{step.label}</code>
        </div>
        <p className="mt-1 text-sm text-slate-600">{step.skipped}</p>
      </li>
    );
  }
  const d: Diagnosis = step.diagnosis;
  return (
    <li className="py-3" data-bucket={d.bucket}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={d.ok ? "success" : d.bucket === "permission_denied" ? "warning" : "danger"}>
          {d.ok ? "OK" : d.bucket}
        </Badge>
        <code className="text-sm">{step.label}</code>
        <span className="text-xs text-slate-500">
          {d.status ? `HTTP ${d.status} · ` : ""}
          {d.ms} ms{d.traceId ? ` · trace ${d.traceId}` : ""}
        </span>
      </div>
      {!d.ok ? (
        <div className="mt-1 text-sm">
          <p className="font-medium text-slate-900">{d.title}</p>
          <p className="text-slate-700">{d.detail}</p>
          {d.serverMessage ? (
            <p className="mt-1 text-xs text-slate-500">
              CHeKT said: {d.code ? `${d.code} — ` : ""}
              {d.serverMessage}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

const SCOPE_TONE: Record<ScopeVerdict["status"], BadgeTone> = {
  granted: "success",
  missing: "danger",
  unknown: "neutral",
};

/** A scope per row: on a phone, a card titled by the scope. */
const SCOPE_COLUMNS: Column<ScopeVerdict>[] = [
  { key: "scope", header: "Scope", card: "title", cell: (s) => <code>{s.scope}</code> },
  { key: "status", header: "Verdict", cell: (s) => <Badge tone={SCOPE_TONE[s.status]}>{s.status}</Badge> },
  {
    key: "via",
    header: "Learned from",
    className: "text-slate-600",
    cell: (s) => `${s.via.join(", ") || "not probed"}${s.note ? ` (${s.note})` : ""}`,
  },
];

/** One credential's checks, in the order they ran. */
function StepList({ title, steps }: { title: string; steps: readonly Step[] }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <ul className="divide-y divide-slate-100">
        {steps.map((s) => (
          <StepRow key={s.name} step={s} />
        ))}
      </ul>
    </div>
  );
}

/** The check for the picked dealer; without one (none connected yet), of the environment's credentials only. */
export function ConnectionCheck({ dealerLinkId }: { dealerLinkId?: string }) {
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const forDealer = useActionRunner(checkConnectionAction);
  const envOnly = useActionRunner(checkEnvConnectionAction);
  const runner = dealerLinkId ? forDealer : envOnly;

  const run = async () => {
    const { ok, data } = dealerLinkId
      ? await forDealer.run({ dealerLinkId }, null)
      : await envOnly.run(undefined, null);
    if (ok) setReport(data ?? null);
  };

  return (
    <div className="space-y-4">
      <Button
        onClick={() => void run()}
        pending={runner.pending}
        pendingText="Checking…"
        icon={<PlugZap className="h-4 w-4" aria-hidden="true" />}
      >
        Check connection
      </Button>
      <FormFailure failure={runner.failure} />
      {report ? (
        <div className="space-y-4" data-testid="connection-report" aria-live="polite">
          <Alert
            tone={report.summary.ok ? "success" : "warning"}
            title={report.summary.ok ? "Everything works" : "Something needs attention"}
          >
            {report.summary.text}
          </Alert>
          <StepList title="Partner API (client credentials)" steps={report.partner} />
          <StepList title="CHeKT App key (/v1)" steps={report.app} />
          <div>
            <h3 className="text-sm font-semibold text-slate-900">Scopes the key holds</h3>
            <DataTable
              className="mt-2"
              columns={SCOPE_COLUMNS}
              rows={report.scopes}
              rowKey={(s) => s.scope}
              rowAttrs={(s) => ({ "data-scope": s.scope, "data-status": s.status })}
              caption="Scopes the key holds"
              testId="scope-table"
            />
          </div>
          <p className="text-xs text-slate-500">
            Checked <UtcTime at={report.checkedAt} precision="second" /> against {report.baseUrl}
          </p>
        </div>
      ) : null}
    </div>
  );
}
