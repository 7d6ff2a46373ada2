"use client";
import { useQuery } from "@tanstack/react-query";
import { failureMessage } from "@/lib/json-as";
import type { DeskDetail } from "@/lib/verifications/types";

async function fetchDetail(id: string): Promise<DeskDetail> {
  const res = await fetch(`/api/live/verifications/${encodeURIComponent(id)}/detail`);
  if (!res.ok) throw new Error(await failureMessage(res, `Could not load the site and call list (HTTP ${res.status})`));
  return res.json();
}

/**
 * The opened alarm's site, call list, directions and history: one read from Postgres (no CHeKT
 * call), so it loads while CHeKT is down; kept fresh for 30 s.
 */
export function useDeskDetail(id: string) {
  return useQuery({
    queryKey: ["desk-detail", id],
    queryFn: () => fetchDetail(id),
    staleTime: 30_000,
  });
}
