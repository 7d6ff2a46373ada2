"use client";
// The review's "next error" (components/import/use-review-rows.ts): the button and Alt+N ask the
// grid (review-grid.tsx) to focus the next row with errors, and say so when there is none.
import { useRef, type KeyboardEvent } from "react";
import type { ReviewApi } from "./review-types";

export function useNextError(say: (notice: string) => void) {
  const grid = useRef<ReviewApi>(null);

  function nextError() {
    if (!grid.current?.nextError()) say("No row has errors.");
  }

  // Alt+N anywhere in the review jumps to the next row with errors (e.code: Option+N types "˜" on a Mac).
  function onKey(e: KeyboardEvent) {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
      e.preventDefault();
      nextError();
    }
  }

  return { grid, nextError, onKey };
}
