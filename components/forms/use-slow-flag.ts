"use client";
import { useEffect, useState } from "react";

/** True once `pending` has lasted 2.5 s: a long wait is usually CHeKT's rate limit (the server waits Retry-After). */
export function useSlowFlag(pending: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => setSlow(true), 2500);
    return () => {
      clearTimeout(t);
      setSlow(false);
    };
  }, [pending]);
  return slow;
}
