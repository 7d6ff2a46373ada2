"use client";
// The review grid's (review-grid.tsx) "next error": scroll the next row with errors into view and
// focus its first bad cell. The grid is virtualised, so the row may only be rendered after the scroll.
import { useCallback, useEffect, useImperativeHandle, useState, type Ref, type RefObject } from "react";
import type { Virtualizer } from "@tanstack/react-virtual";
import { hasErrors, type ReviewApi, type ReviewRow } from "./review-types";

export function useErrorJump<F extends string>(
  api: Ref<ReviewApi>,
  parent: RefObject<HTMLDivElement | null>,
  shown: ReviewRow<F>[],
  fields: F[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
) {
  const [focusRequest, setFocusRequest] = useState<{ line: number; field: F } | null>(null);

  const focusedLine = useCallback((): number | null => {
    const row = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-line]");
    return row && parent.current?.contains(row) ? Number(row.dataset.line) : null;
  }, [parent]);

  useImperativeHandle(api, () => ({
    nextError() {
      const bad = shown.map((r, index) => ({ r, index })).filter(({ r }) => hasErrors(r));
      if (bad.length === 0) return false;
      const current = focusedLine();
      const at = current === null ? -1 : shown.findIndex((r) => r.line === current);
      const next = bad.find(({ index }) => index > at) ?? bad[0];
      const field = fields.find((f) => next.r.errors[f]) ?? fields[0];
      virtualizer.scrollToIndex(next.index, { align: "center" });
      setFocusRequest({ line: next.r.line, field });
      return true;
    },
  }));

  // The target row may only be rendered after the scroll above: try for a few frames.
  useEffect(() => {
    if (!focusRequest) return;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      const el = parent.current?.querySelector<HTMLElement>(`[data-cell="${focusRequest.line}:${focusRequest.field}"]`);
      if (el) {
        el.focus();
        setFocusRequest(null);
      } else if (tries++ < 20) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, [focusRequest, parent]);
}
