"use client";
// Keyboard model of the WAI-ARIA grid pattern (https://www.w3.org/WAI/ARIA/apg/patterns/grid/):
// the grid is one Tab stop (only the active cell has tabIndex 0), arrow keys move between cells,
// Home/End go to the row's ends, Ctrl+Home/End to the grid's corners, PageUp/PageDown by 10 rows.
import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";

const PAGE = 10;
const clamp = (n: number, max: number) => Math.max(0, Math.min(n, Math.max(0, max)));

/** Row 0 is the header row; columns count every rendered cell of a row. */
export function useRovingGrid(rowCount: number, colCount: number) {
  const [pos, setPos] = useState({ r: 0, c: 0 });
  const grid = useRef<HTMLTableElement>(null);
  const wantFocus = useRef(false);
  // Rows come and go with filters: the active cell is clamped rather than lost.
  const r = clamp(pos.r, rowCount - 1);
  const c = clamp(pos.c, colCount - 1);

  const focusCell = useCallback((row: number, col: number) => {
    grid.current?.querySelector<HTMLElement>(`[data-pos="${row}:${col}"]`)?.focus();
  }, []);

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    focusCell(r, c);
  }, [r, c, focusCell]);

  function moveTo(row: number, col: number) {
    const next = { r: clamp(row, rowCount - 1), c: clamp(col, colCount - 1) };
    if (next.r === r && next.c === c) return focusCell(r, c);
    wantFocus.current = true;
    setPos(next);
  }

  function onKeyDown(e: KeyboardEvent) {
    // Keys typed into an editor inside a cell belong to the editor.
    const t = e.target as HTMLElement;
    if (t.closest("[data-editor]")) return;
    const ctrl = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case "ArrowRight":
        moveTo(r, c + 1);
        break;
      case "ArrowLeft":
        moveTo(r, c - 1);
        break;
      case "ArrowDown":
        moveTo(r + 1, c);
        break;
      case "ArrowUp":
        moveTo(r - 1, c);
        break;
      case "Home":
        moveTo(ctrl ? 0 : r, 0);
        break;
      case "End":
        moveTo(ctrl ? rowCount - 1 : r, colCount - 1);
        break;
      case "PageDown":
        moveTo(r + PAGE, c);
        break;
      case "PageUp":
        moveTo(r - PAGE, c);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  /** Props for the cell at (row, col): its place in the tab order and its address. */
  function cellProps(row: number, col: number) {
    return {
      tabIndex: row === r && col === c ? 0 : -1,
      "data-pos": `${row}:${col}`,
      // A click (or focus landing inside the cell) makes it the active cell.
      onFocus: (e: FocusEvent) => {
        if (row !== r || col !== c) setPos({ r: row, c: col });
        e.stopPropagation();
      },
    };
  }

  return { grid, active: { r, c }, cellProps, onKeyDown, focusActive: () => focusCell(r, c) };
}
