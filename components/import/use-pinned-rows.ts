"use client";
// The review grid's (review-grid.tsx) rows kept in the "only rows with errors" filter though they may
// be valid now: the row that holds focus, so a fix that makes it valid never unmounts the cell being
// typed in, and, until the click is over, the one focus just left with the pointer.
import { useEffect, useRef, useState } from "react";

export function usePinnedRows(onlyErrors: boolean) {
  const [pinned, setPinned] = useState<readonly number[]>([]);
  // The filter switched on or off: it starts again with no row kept (set while rendering, as React
  // advises for state that follows a prop, rather than in an effect).
  const [pinnedFor, setPinnedFor] = useState(onlyErrors);
  if (pinnedFor !== onlyErrors) {
    setPinnedFor(onlyErrors);
    setPinned([]);
  }

  // Focus leaves a row on pointer-down, but the click lands on pointer-up: dropping the row in
  // between would move whatever was clicked (the send button, the next row) from under the pointer.
  // So a row left with the pointer down is dropped once the click is over.
  const pointerDown = useRef(false);
  const pendingUnpin = useRef(new Set<number>());
  useEffect(() => {
    const down = () => (pointerDown.current = true);
    const up = () => {
      pointerDown.current = false;
      const lines = [...pendingUnpin.current];
      if (lines.length === 0) return;
      pendingUnpin.current.clear();
      setTimeout(() => setPinned((p) => p.filter((l) => !lines.includes(l))), 0);
    };
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
    };
  }, []);

  /** Focus came into the row on this sheet line. */
  const pin = (line: number) => {
    pendingUnpin.current.delete(line);
    setPinned((p) => (p.includes(line) ? p : [...p, line]));
  };
  /** Focus left the row on this sheet line. */
  const unpin = (line: number) => {
    if (pointerDown.current) pendingUnpin.current.add(line);
    else setPinned((p) => p.filter((l) => l !== line));
  };
  return { pinned, pin, unpin };
}
