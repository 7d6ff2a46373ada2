import { Alert } from "@/components/ui";
import type { Diagnosis } from "@/lib/settings/diagnose";

/** One diagnosis as a danger box: its title, what to do, and what CHeKT said. */
export function DiagnosisAlert({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <Alert
      tone={diagnosis.bucket === "permission_denied" || diagnosis.bucket === "rate_limited" ? "warning" : "danger"}
      title={diagnosis.title}
    >
      <p data-bucket={diagnosis.bucket}>{diagnosis.detail}</p>
      {diagnosis.serverMessage || diagnosis.traceId ? (
        <p className="mt-1 text-xs opacity-80">
          {diagnosis.serverMessage
            ? `CHeKT said: ${diagnosis.code ? `${diagnosis.code} — ` : ""}${diagnosis.serverMessage}. `
            : ""}
          {diagnosis.traceId ? `Trace ${diagnosis.traceId}` : ""}
        </p>
      ) : null}
    </Alert>
  );
}
