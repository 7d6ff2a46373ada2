import { Alert } from "@/components/ui";
import type { ActionFailure } from "@/lib/actions/errors";

const TITLES: Record<string, string> = {
  forbidden: "Not allowed",
  permission_denied: "CHeKT refused access",
  not_found: "Not found",
  rate_limited: "CHeKT asked us to slow down",
  network: "No connection",
  unauthenticated: "Signed out",
  conflict: "Already exists",
  unchanged: "Nothing to save",
};

/** The form-level message: what went wrong, whether anything was saved, and the trace id for support. */
export function FormFailure({ failure }: { failure: ActionFailure | null }) {
  if (!failure) return null;
  const tone = failure.code === "unchanged" ? "info" : "danger";
  return (
    <Alert tone={tone} title={TITLES[failure.code] ?? "Not saved"}>
      <p>{failure.message}</p>
      {failure.traceId ? <p className="mt-1 text-xs opacity-75">Trace ID for support: <code>{failure.traceId}</code></p> : null}
    </Alert>
  );
}

/** Shown under a form while a request waits unusually long (CHeKT rate limit or a slow answer). */
export function SlowNotice({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <p role="status" className="text-sm text-amber-700">
      Still working: CHeKT is answering slowly or asked us to wait before retrying. Nothing is lost; please keep this page open.
    </p>
  );
}
