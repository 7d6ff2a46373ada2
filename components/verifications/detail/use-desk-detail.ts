"use client";
import { useQuery } from "@tanstack/react-query";
import type { DeskDetail } from "@/lib/verifications/types";

async function fetchDetail(id: string): Promise<DeskDetail> {
  const res = await fetch(`/api/live/verifications/${encodeURIComponent(id)}/detail`);
  const body = (await res.json().catch(() => null)) as (DeskDetail & { error?: { message?: string } }) | null;
  if (!res.ok || !body || body.error)
    throw new Error(body?.error?.message ?? `Could not load the site and call list (HTTP ${res.status})`);
  return body;
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
