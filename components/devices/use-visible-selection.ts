"use client";
// The device grid's selection, limited to the rows its filter shows: only those can be acted on (the
// count, the buttons and the delete job all read `selected`), and a filter change drops the picks of
// rows it hides, so a later tick never adds to them. The state itself is the table's rowSelection.
import { useEffect, type Dispatch, type SetStateAction } from "react";
import type { RowSelectionState } from "@tanstack/react-table";

export function useVisibleSelection<T>(
  visible: readonly { id: string; original: T }[],
  selection: RowSelectionState,
  setSelection: Dispatch<SetStateAction<RowSelectionState>>,
) {
  const selected = visible.filter((r) => selection[r.id]).map((r) => r.original);
  const allSelected = visible.length > 0 && selected.length === visible.length;

  const visibleKey = visible.map((r) => r.id).join(",");
  useEffect(() => {
    const shown = new Set(visibleKey ? visibleKey.split(",") : []);
    setSelection((prev) => {
      const kept = Object.fromEntries(Object.entries(prev).filter(([id, on]) => on && shown.has(id)));
      return Object.keys(kept).length === Object.keys(prev).length ? prev : kept;
    });
  }, [visibleKey, setSelection]);

  function toggleAll() {
    setSelection(allSelected ? {} : Object.fromEntries(visible.map((r) => [r.id, true])));
  }

  function toggleRow(id: string) {
    setSelection((prev) => {
      const next = { ...prev };
      if (next[id]) delete next[id];
      else next[id] = true;
      return next;
    });
  }

  return { selected, allSelected, toggleAll, toggleRow, clear: () => setSelection({}) };
}

/** What the grid's parts are handed: the picked rows and the ways to change them. */
export type VisibleSelection<T> = ReturnType<typeof useVisibleSelection<T>>;
