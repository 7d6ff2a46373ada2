"use client";
import { useEffect, useState } from "react";
import { countDown } from "@/components/verifications/shared/count-down";
import { afterSnapshotFailure } from "@/lib/verifications/snapshot-status";
import { atDealer, useDeskDealer, type DeskDealer } from "@/components/verifications/queue/desk-dealer";

// A snapshot through our route. Loaded with fetch (not a bare <img src>) so the page learns why an
// image failed: a passing failure (our route's 503 + Retry-After, or no answer) is retried with backoff
// for about two minutes; a final answer (CHeKT no longer has it, or sent no usable image) or running
// out of tries says "unavailable" — and even then the detail view offers "Try again". Which is which:
// lib/verifications/snapshot-status.ts, the table the server's fetch and our route read too.
const FETCH_TIMEOUT_MS = 30_000;

export type SnapshotPhase =
  | { kind: "loading" }
  | { kind: "ready"; url: string }
  | { kind: "waiting"; inS: number }
  | { kind: "unavailable"; why: string };

/** One try: the image's bytes, or the answer that refused them (null when none came or the download broke off). */
async function fetchSnapshot(
  id: string,
  dealer: DeskDealer,
  leaving: AbortSignal,
): Promise<{ blob: Blob } | { failed: Response | null }> {
  try {
    // An answer that never comes counts as a failed try (our route answers within ~20 s).
    const res = await fetch(atDealer(`/api/snapshots/${encodeURIComponent(id)}`, dealer), {
      signal: AbortSignal.any([leaving, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
    });
    if (!res.ok) return { failed: res };
    const blob = await res.blob().catch(() => null);
    return blob ? { blob } : { failed: null };
  } catch {
    return { failed: null };
  }
}

/** Loads snapshot `id` as an object URL, retrying passing failures; `retry` starts over ("Try again"). */
export function useSnapshot(id: string) {
  const [phase, setPhase] = useState<SnapshotPhase>({ kind: "loading" });
  const [round, setRound] = useState(0);
  const dealer = useDeskDealer();
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
      const got = await fetchSnapshot(id, dealer, leaving.signal);
      if (stopped) return;
      if ("blob" in got) {
        objectUrl = URL.createObjectURL(got.blob);
        return setPhase({ kind: "ready", url: objectUrl });
      }
      const next = afterSnapshotFailure(got.failed, attempt);
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
  }, [id, round, dealer]);

  return { phase, retry: () => setRound((r) => r + 1) };
}
