export type LiveStatus = "connecting" | "live" | "reconnecting";

/**
 * An EventSource on `url` handing each message's text to `on.data`, and saying whether it is live.
 * EventSource resumes by itself (Last-Event-ID); when the browser gives up (CLOSED) it is reopened
 * with backoff, one second doubling to at most 30. Returns the function that closes it for good.
 */
export function openEventStream(
  url: string,
  on: { data: (data: string) => void; status: (status: LiveStatus) => void },
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;
  const connect = () => {
    const opened = new EventSource(url);
    source = opened;
    opened.onopen = () => {
      attempt = 0;
      on.status("live");
    };
    opened.onmessage = (e) => {
      if (typeof e.data === "string") on.data(e.data);
    };
    opened.onerror = () => {
      on.status("reconnecting");
      if (opened.readyState === EventSource.CLOSED && !stopped) {
        opened.close();
        retry = setTimeout(connect, Math.min(30_000, 1000 * 2 ** attempt++));
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
