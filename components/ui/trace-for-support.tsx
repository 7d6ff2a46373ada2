/** The trace id a failure or an outcome was logged under, small under its message, to quote to support. */
export function TraceForSupport({ traceId }: { traceId?: string | null }) {
  if (!traceId) return null;
  return (
    <p className="mt-1 text-xs opacity-75">
      Trace ID for support: <code>{traceId}</code>
    </p>
  );
}
