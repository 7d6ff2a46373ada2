"use client";
import { Alert, Button } from "@/components/ui";
import { errorText } from "@/lib/error-text";

/**
 * A desk read that failed (the queue, the opened alarm's site and call list, the outcomes): why, in
 * the error's own words, and "Try again", which reads it again (`onRetry`: the query's refetch).
 */
export function LoadError(props: {
  error: unknown;
  /** The read is on its way again: the button waits. */
  retrying: boolean;
  onRetry: () => void;
  tone?: "danger" | "warning";
}) {
  return (
    <Alert tone={props.tone ?? "danger"}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>{errorText(props.error)}</span>
        <Button
          size="sm"
          variant="secondary"
          onClick={props.onRetry}
          pending={props.retrying}
          pendingText="Trying again…"
        >
          Try again
        </Button>
      </div>
    </Alert>
  );
}
