"use client";
import { useEffect, useState } from "react";
import { countDown } from "@/components/verifications/shared/count-down";

// A snapshot through our route. Loaded with fetch (not a bare <img src>) so the page learns why an
// image failed: a passing CHeKT failure (503 + Retry-After from our route) is retried with backoff
// for about two minutes; only a 404 (CHeKT no longer has it) or running out of tries says
// "unavailable" — and even then the detail view offers "Try again".
const BACKOFF_S = [1, 2, 4, 8, 15, 30, 30, 30];
const FETCH_TIMEOUT_MS = 30_000;
const PERMANENT = [400, 401, 403, 404, 409];

export type SnapshotPhase =
  | { kind: "loading" }
  | { kind: "ready"; url: string }
  | { kind: "waiting"; inS: number }
  | { kind: "unavailable"; why: string };

/** One try: the image's bytes, or the answer that refused them (null when none came or the download broke off). */
async function fetchSnapshot(id: string, leaving: AbortSignal): Promise<{ blob: Blob } | { failed: Response | null }> {
  try {
    // An answer that never comes counts as a failed try (our route answers within ~20 s).
    const res = await fetch(`/api/snapshots/${encodeURIComponent(id)}`, {
      signal: AbortSignal.any([leaving, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
    });
    if (!res.ok) return { failed: res };
    const blob = await res.blob().catch(() => null);
    return blob ? { blob } : { failed: null };
  } catch {
    return { failed: null };
  }
}

/** After failed try number `attempt` (from 0): give up with the reason, or wait this many seconds. */
function afterFailure(res: Response | null, attempt: number): { why: string } | { waitS: number } {
  const permanent = res !== null && PERMANENT.includes(res.status);
  if (permanent || attempt >= BACKOFF_S.length)
    return { why: permanent ? "CHeKT no longer has this image" : "CHeKT did not send it in time" };
  const asked = Number(res?.headers.get("retry-after"));
  return { waitS: Math.max(BACKOFF_S[attempt]!, Number.isFinite(asked) ? asked : 0) };
}

/** Loads snapshot `id` as an object URL, retrying passing failures; `retry` starts over ("Try again"). */
export function useSnapshot(id: string) {
  const [phase, setPhase] = useState<SnapshotPhase>({ kind: "loading" });
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
    let stopWaiting: (() => void) | null = null;
    const leaving = new AbortController();
    const load = async (attempt: number) => {
      const got = await fetchSnapshot(id, leaving.signal);
      if (stopped) return;
      if ("blob" in got) {
        objectUrl = URL.createObjectURL(got.blob);
        return setPhase({ kind: "ready", url: objectUrl });
      }
      const next = afterFailure(got.failed, attempt);
      if ("why" in next) return setPhase({ kind: "unavailable", why: next.why });
      const waiting = (inS: number) => setPhase({ kind: "waiting", inS });
      stopWaiting = countDown(next.waitS, waiting, () => {
        setPhase({ kind: "loading" });
        void load(attempt + 1);
      });
    };
    void load(0);
    return () => {
      stopped = true;
      leaving.abort();
      stopWaiting?.();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id, round]);

  return { phase, retry: () => setRound((r) => r + 1) };
}
