import { Alert, TraceForSupport } from "@/components/ui";

// What the dealer page says when CHeKT's consent page sends the browser back (app/api/dealers/callback/route.ts
// puts the outcome in ?connect=).
const CONNECT_OUTCOMES: Record<string, { tone: "success" | "warning" | "danger"; title: string; text: string }> = {
  connected: {
    tone: "success",
    title: "Dealer connected",
    text: "CHeKT approved the connection. This console now works on the dealer below.",
  },
  denied: {
    tone: "warning",
    title: "Connection declined",
    text: "The dealer admin declined on CHeKT's page. Nothing changed.",
  },
  state: {
    tone: "danger",
    title: "Connection not finished",
    text:
      "The answer from CHeKT did not match the request this browser started (it expired after 10 minutes, or " +
      "came from elsewhere). Nothing changed; start again.",
  },
  taken: {
    tone: "danger",
    title: "Dealer ID already used",
    text: "The dealer ID you chose already names another dealer here. Nothing changed; choose another ID.",
  },
  failed: {
    tone: "danger",
    title: "Connection failed",
    text:
      "CHeKT did not finish the connection, so nothing changed. Try again; if it keeps failing, give support " +
      "the trace ID.",
  },
};

/** The callback's outcome as an alert, or nothing when the page was not opened from the callback. */
export function ConnectOutcome({ connect, trace }: { connect?: string; trace?: string }) {
  const outcome = connect ? CONNECT_OUTCOMES[connect] : undefined;
  if (!outcome) return null;
  return (
    <Alert tone={outcome.tone} title={outcome.title} className="mb-6">
      {outcome.text}
      <TraceForSupport traceId={trace} />
    </Alert>
  );
}
