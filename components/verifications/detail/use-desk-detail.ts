"use client";
import { useQuery } from "@tanstack/react-query";
import { useDeskDealer } from "@/components/verifications/queue/desk-dealer";
import { fetchDetail } from "./fetch-detail";

/**
 * The opened alarm's site, call list, directions and history: one read from Postgres (no CHeKT
 * call), so it loads while CHeKT is down; kept fresh for 30 s.
 */
export function useDeskDetail(id: string) {
  const dealer = useDeskDealer();
  return useQuery({
    queryKey: ["desk-detail", dealer.id, id],
    queryFn: () => fetchDetail(id, dealer),
    staleTime: 30_000,
  });
}
