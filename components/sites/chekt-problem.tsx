import Link from "next/link";
import { Alert, TraceForSupport } from "@/components/ui";
import { describeChektError, isChektError } from "@/lib/chekt/errors";

/** Why a page could not read from CHeKT, in words, with what to do next. Server component. */
export function ChektProblem({ error, className }: { error: unknown; className?: string }) {
  const { title, message, traceId } = describeChektError(error);
  const forbidden = isChektError(error) && error.kind === "forbidden";
  const busy = isChektError(error) && error.kind === "rate_limited";
  return (
    <Alert tone={busy ? "warning" : "danger"} title={title} className={className}>
      <p>{message}</p>
      {forbidden ? (
        <p className="mt-1">
          Missing: this console&apos;s partner link to the dealer in CHeKT.{" "}
          <Link className="font-medium underline" href="/dealer">
            Open the Dealer page
          </Link>{" "}
          to reconnect it.
        </p>
      ) : null}
      {busy ? (
        <p className="mt-1">We already waited for CHeKT&apos;s rate limit. Reload the page in a few seconds.</p>
      ) : null}
      <TraceForSupport traceId={traceId} />
    </Alert>
  );
}
