"use client";
// Keyboard model of the WAI-ARIA grid pattern (https://www.w3.org/WAI/ARIA/apg/patterns/grid/):
// the grid is one Tab stop (only the active cell has tabIndex 0), arrow keys move between cells,
// Home/End go to the row's ends, Ctrl+Home/End to the grid's corners, PageUp/PageDown by 10 rows
// (components/devices/grid-keys.ts).
import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { keyTarget, type Cell } from "./grid-keys";

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, Math.max(0, max)));

/** Row 0 is the header row; columns count every rendered cell of a row. */
export function useRovingGrid(rowCount: number, colCount: number) {
  const [pos, setPos] = useState<Cell>({ r: 0, c: 0 });
  // Rows come and go with filters: the active cell is clamped rather than lost.
  const r = clamp(pos.r, rowCount - 1);
  const c = clamp(pos.c, colCount - 1);
  const { grid, focusCell, focusAfterMove } = useCellFocus(r, c);

  function moveTo(to: Cell) {
    const next = { r: clamp(to.r, rowCount - 1), c: clamp(to.c, colCount - 1) };
    if (next.r === r && next.c === c) return focusCell(r, c);
    focusAfterMove();
    setPos(next);
  }

  function onKeyDown(e: KeyboardEvent) {
    // Keys typed into an editor inside a cell belong to the editor.
    if (e.target instanceof Element && e.target.closest("[data-editor]")) return;
    const to = keyTarget(e.key, e.ctrlKey || e.metaKey, { r, c }, { rows: rowCount, cols: colCount });
    if (!to) return;
    moveTo(to);
    e.preventDefault();
  }

  return {
    grid,
    active: { r, c },
    cellProps: cellPropsOf({ r, c }, setPos),
    onKeyDown,
    focusActive: () => focusCell(r, c),
  };
}

/** Focus follows the active cell once a move has rendered it (with tabIndex 0). */
function useCellFocus(r: number, c: number) {
  const grid = useRef<HTMLTableElement>(null);
  const wantFocus = useRef(false);
  const focusCell = useCallback((row: number, col: number) => {
    grid.current?.querySelector<HTMLElement>(`[data-pos="${row}:${col}"]`)?.focus();
  }, []);
  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    focusCell(r, c);
  }, [r, c, focusCell]);
  const focusAfterMove = () => {
    wantFocus.current = true;
  };
  return { grid, focusCell, focusAfterMove };
}

/** Props for the cell at (row, col): its place in the tab order and its address. */
function cellPropsOf(active: Cell, setActive: (cell: Cell) => void) {
  return (row: number, col: number) => ({
    tabIndex: row === active.r && col === active.c ? 0 : -1,
    "data-pos": `${row}:${col}`,
    // A click (or focus landing inside the cell) makes it the active cell.
    onFocus: (e: FocusEvent) => {
      if (row !== active.r || col !== active.c) setActive({ r: row, c: col });
      e.stopPropagation();
    },
  });
}
