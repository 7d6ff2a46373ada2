import { Alert, Button, TraceForSupport } from "@/components/ui";
import { CountdownText } from "@/components/ui/countdown-text";
import { WAIT_TITLE, waitTicking } from "./use-budget-wait";
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
  cancelled: "Not sent",
};

/** The form-level message: what went wrong, whether anything was saved, and the trace id for support. */
export function FormFailure({ failure }: { failure: ActionFailure | null }) {
  if (!failure) return null;
  const tone = failure.code === "unchanged" || failure.code === "cancelled" ? "info" : "danger";
  return (
    <Alert tone={tone} title={TITLES[failure.code] ?? "Not saved"}>
      <p>{failure.message}</p>
      <TraceForSupport traceId={failure.traceId} />
    </Alert>
  );
}

/** Shown under a form while a request waits unusually long (CHeKT rate limit or a slow answer). */
export function SlowNotice({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <p role="status" className="text-sm text-amber-700">
      Still working: CHeKT is answering slowly or asked us to wait before retrying. Nothing is lost; please keep this
      page open.
    </p>
  );
}

/**
 * A write waiting for CHeKT's rate limit before it is sent (components/forms/use-budget-wait.ts):
 * the countdown and the way out. Nothing has been sent while this shows.
 */
export function BudgetWaitNotice({ secondsLeft, onCancel }: { secondsLeft: number | null; onCancel: () => void }) {
  if (secondsLeft === null) return null;
  return (
    <div
      data-testid="budget-wait"
      className={
        "flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm " +
        "text-amber-900"
      }
    >
      <CountdownText steady={WAIT_TITLE} ticking={waitTicking(secondsLeft)} />
      <Button variant="secondary" size="sm" onClick={onCancel}>
        Cancel sending
      </Button>
    </div>
  );
}
