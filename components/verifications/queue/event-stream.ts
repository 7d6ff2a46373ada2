/**
 * Whether the stream is live; `refused`: the server will not serve it to this user, and says why. With `tryAgain`
 * the queue stopped asking by itself (the user lost the dealer: each refused ask is audited) until the user does;
 * `trying` while that ask is out.
 */
export type LiveStatus =
  "connecting" | "live" | "reconnecting" | { refused: string; tryAgain?: () => void; trying?: boolean };

/**
 * An EventSource on `url` handing each message's text to `on.data`, and saying whether it is live.
 * EventSource resumes by itself (Last-Event-ID) when a stream ends; when the browser gives up (CLOSED:
 * a refusal or a network failure) it is reopened with backoff, one second doubling to at most 30.
 * An EventSource never sees the refusal's status, so `on.refused` is asked: refused, the stream is
 * closed for good (the caller says why, and opens a new one once let in again) instead of asking the
 * server every 30 s for as long as the page stays open. Returns the function that closes it for good.
 */
export function openEventStream(
  url: string,
  on: {
    data: (data: string) => void;
    status: (status: LiveStatus) => void;
    refused?: () => Promise<boolean>;
  },
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
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
        // A stream let in again meanwhile (the retry opened) is no refusal.
        const isRefused = (refused: boolean) => refused && source?.readyState !== EventSource.OPEN;
        void on.refused?.().then(
          (refused) => (isRefused(refused) ? stop() : undefined),
          () => undefined,
        );
      }
    };
  };
  connect();
  return stop;
}
