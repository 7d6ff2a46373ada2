"use client";
import { useEffect, useState } from "react";
import { ImageOff, Loader2 } from "lucide-react";
import { cn } from "@/components/ui";

// A snapshot through our route. Loaded with fetch (not a bare <img src>) so the page learns why an
// image failed: a passing CHeKT failure (503 + Retry-After from our route) is retried with backoff
// for about two minutes; only a 404 (CHeKT no longer has it) or running out of tries says
// "unavailable" — and even then the detail view offers "Try again".
const BACKOFF_S = [1, 2, 4, 8, 15, 30, 30, 30];
const FETCH_TIMEOUT_MS = 30_000;

type Phase =
  | { kind: "loading" }
  | { kind: "ready"; url: string }
  | { kind: "waiting"; inS: number }
  | { kind: "unavailable"; why: string };

export function SnapshotImg({
  id,
  alt,
  className,
  imageClassName,
  testId,
  allowRetry = false,
}: {
  id: string;
  alt: string;
  /** Size and shape, for the image and its placeholder alike. */
  className: string;
  /** Only on the loaded image (e.g. a dark backdrop behind a letterboxed picture). */
  imageClassName?: string;
  testId?: string;
  allowRetry?: boolean;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [round, setRound] = useState(0);
  // Another image, or "Try again": back to loading while rendering, before the effect fetches.
  const [loaded, setLoaded] = useState({ id, round });
  if (loaded.id !== id || loaded.round !== round) {
    setLoaded({ id, round });
    setPhase({ kind: "loading" });
  }

  useEffect(() => {
    let stopped = false;
    let objectUrl: string | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const leaving = new AbortController();
    const load = async (attempt: number) => {
      let res: Response | null = null;
      try {
        // An answer that never comes counts as a failed try (our route answers within ~20 s).
        res = await fetch(`/api/snapshots/${encodeURIComponent(id)}`, {
          signal: AbortSignal.any([leaving.signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
        });
      } catch {
        res = null;
      }
      if (stopped) return;
      if (res?.ok) {
        const blob = await res.blob().catch(() => null);
        if (stopped) return;
        if (blob) {
          objectUrl = URL.createObjectURL(blob);
          setPhase({ kind: "ready", url: objectUrl });
          return;
        }
        res = null; // the download broke off: a failed try like any other
      }
      const permanent =
        res !== null &&
        (res.status === 404 || res.status === 400 || res.status === 401 || res.status === 403 || res.status === 409);
      if (permanent || attempt >= BACKOFF_S.length) {
        setPhase({
          kind: "unavailable",
          why: permanent ? "CHeKT no longer has this image" : "CHeKT did not send it in time",
        });
        return;
      }
      const asked = Number(res?.headers.get("retry-after"));
      let wait = Math.max(BACKOFF_S[attempt]!, Number.isFinite(asked) ? asked : 0);
      setPhase({ kind: "waiting", inS: wait });
      const tick = () => {
        wait -= 1;
        if (stopped) return;
        if (wait <= 0) {
          setPhase({ kind: "loading" });
          void load(attempt + 1);
        } else {
          setPhase({ kind: "waiting", inS: wait });
          timer = setTimeout(tick, 1000);
        }
      };
      timer = setTimeout(tick, 1000);
    };
    void load(0);
    return () => {
      stopped = true;
      leaving.abort();
      if (timer) clearTimeout(timer);
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id, round]);

  if (phase.kind === "ready") {
    // eslint-disable-next-line @next/next/no-img-element -- bytes from our own route, shown through an object URL
    return <img src={phase.url} alt={alt} data-testid={testId} className={cn(className, imageClassName)} />;
  }
  // The placeholder's colours are its own: a caller's backdrop goes in imageClassName, because with
  // two background utilities on one element the stylesheet's order wins, not the class list's (the
  // detail view's bg-slate-900 under this slate-700 text failed contrast).
  const box = cn(
    "flex flex-col items-center justify-center gap-1 bg-slate-100 p-1 text-center text-xs text-slate-700",
    className,
  );
  if (phase.kind === "unavailable") {
    return (
      <span className={box} data-testid="snapshot-unavailable">
        <span role="img" aria-label={`Snapshot unavailable: ${phase.why}`} className="flex flex-col items-center gap-1">
          <ImageOff className="h-4 w-4" aria-hidden="true" />
          Snapshot unavailable
        </span>
        {allowRetry ? (
          <button
            type="button"
            onClick={() => setRound((r) => r + 1)}
            className="rounded px-1 text-indigo-700 underline hover:text-indigo-900"
          >
            Try again
          </button>
        ) : null}
      </span>
    );
  }
  return (
    <span
      className={box}
      role="img"
      aria-label={phase.kind === "waiting" ? `Snapshot loading, retrying in ${phase.inS} s` : "Snapshot loading"}
      data-testid="snapshot-waiting"
    >
      <Loader2 className="h-4 w-4 animate-spin motion-reduce:animate-none" aria-hidden="true" />
      {phase.kind === "waiting" ? `Retrying in ${phase.inS} s` : "Loading…"}
    </span>
  );
}
