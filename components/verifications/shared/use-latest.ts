"use client";
import { useLayoutEffect, useRef } from "react";

/**
 * A ref that always holds the last rendered `value` (a callback from the props), for timers, streams
 * and handlers that outlive the render that made them. Written after each commit, not during render.
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
