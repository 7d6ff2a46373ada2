"use client";
// Re-renders the page every few seconds while a sweep runs, so its progress moves without a reload.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function AutoRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [router, everyMs]);
  return null;
}
