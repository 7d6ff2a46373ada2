"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchDetail } from "./fetch-detail";

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
