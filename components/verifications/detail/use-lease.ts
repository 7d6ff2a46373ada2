"use client";
import { useEffect } from "react";
import { z } from "zod";
import { bodyAs } from "@/lib/json-as";
import { useLatest } from "@/components/verifications/shared/use-latest";
import { atDealer, useDeskDealer } from "@/components/verifications/queue/desk-dealer";

// What the lease route (app/api/live/verifications/[id]/lease/route.ts) answers; only `held` matters here.
const leaseAnswer = z.object({ held: z.boolean() });

/**
 * Renews the claim's lease while the claimer's detail view is open: a few beats per lease, so one
 * lost request does not drop the claim. Says so once when the server reports the claim gone
 * (lapsed while the laptop slept, or taken over by an admin).
 */
export function useLeaseHeartbeat(id: string, held: boolean, leaseSeconds: number, onLost: (why: string) => void) {
  const lost = useLatest(onLost);
  const dealer = useDeskDealer();
  useEffect(() => {
    if (!held) return;
    let stopped = false;
    const beat = async () => {
      try {
        const res = await fetch(atDealer(`/api/live/verifications/${encodeURIComponent(id)}/lease`, dealer), {
          method: "POST",
          cache: "no-store",
        });
        const body = await bodyAs(res, leaseAnswer);
        if (!stopped && res.ok && body?.held === false)
          lost.current("Your claim on this alarm ended (it lapsed or an admin took it over).");
      } catch {
        // Next beat tries again; the lease outlasts a few missed beats.
      }
    };
    void beat();
    const t = setInterval(() => void beat(), Math.max(1000, (leaseSeconds * 1000) / 3));
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [id, held, leaseSeconds, lost, dealer]);
}
