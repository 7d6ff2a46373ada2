/** Whether the stream is live; `refused`: the server will not serve it to this user, and says why. */
export type LiveStatus = "connecting" | "live" | "reconnecting" | { refused: string };

/**
 * An EventSource on `url` handing each message's text to `on.data`, and saying whether it is live.
 * EventSource resumes by itself (Last-Event-ID) when a stream ends; when the browser gives up (CLOSED:
 * a refusal or a network failure) it is reopened with backoff, one second doubling to at most 30.
 * An EventSource never sees the refusal's status, so `on.refusal` is asked why (null: not refused);
 * its reason stands until the stream is live again. Returns the function that closes it for good.
 */
export function openEventStream(
  url: string,
  on: {
    data: (data: string) => void;
    status: (status: LiveStatus) => void;
    refusal?: () => Promise<string | null>;
  },
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;
  let refused: string | null = null;
  const sayRefused = (reason: string | null) => {
    if (stopped || source?.readyState === EventSource.OPEN || reason === refused) return;
    refused = reason;
    on.status(reason === null ? "reconnecting" : { refused: reason });
  };
  const connect = () => {
    const opened = new EventSource(url);
    source = opened;
    opened.onopen = () => {
      attempt = 0;
      refused = null;
      on.status("live");
    };
    opened.onmessage = (e) => {
      if (typeof e.data === "string") on.data(e.data);
    };
    opened.onerror = () => {
      if (refused === null) on.status("reconnecting");
      if (opened.readyState === EventSource.CLOSED && !stopped) {
        opened.close();
        retry = setTimeout(connect, Math.min(30_000, 1000 * 2 ** attempt++));
        void on.refusal?.().then(sayRefused, () => undefined);
      }
    };
  };
  connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
