// The keys of the WAI-ARIA grid pattern (https://www.w3.org/WAI/ARIA/apg/patterns/grid/) as moves of the active cell.
export type Cell = { r: number; c: number };

const PAGE = 10;

/**
 * Where `key` sends the active cell `at` of a grid of `size`: arrows one cell, Home/End the row's
 * ends, with Ctrl (or Cmd) the grid's corners, PageUp/PageDown ten rows. Not yet kept inside the
 * grid (the caller clamps); null for a key the grid leaves alone.
 */
export function keyTarget(key: string, ctrl: boolean, at: Cell, size: { rows: number; cols: number }): Cell | null {
  switch (key) {
    case "ArrowRight":
      return { r: at.r, c: at.c + 1 };
    case "ArrowLeft":
      return { r: at.r, c: at.c - 1 };
    case "ArrowDown":
      return { r: at.r + 1, c: at.c };
    case "ArrowUp":
      return { r: at.r - 1, c: at.c };
    case "Home":
      return { r: ctrl ? 0 : at.r, c: 0 };
    case "End":
      return { r: ctrl ? size.rows - 1 : at.r, c: size.cols - 1 };
    case "PageDown":
      return { r: at.r + PAGE, c: at.c };
    case "PageUp":
      return { r: at.r - PAGE, c: at.c };
    default:
      return null;
  }
}

/** What a key does on a focused cell itself (not on an editor inside it). */
export type CellKeyAction = "toggle-all" | "sort" | "toggle-row" | "open" | "edit";

/**
 * Enter or Space on the header row selects every device (the select column) or sorts by the column;
 * on a device's row it selects the device, or opens it from its external ID. Enter or F2 edits a cell
 * that may be edited. Null: the key is left alone.
 */
export function cellKeyAction(
  key: string,
  cell: { header: boolean; columnId: string; editable: boolean },
): CellKeyAction | null {
  const press = key === "Enter" || key === " ";
  if (cell.header) return press ? (cell.columnId === "select" ? "toggle-all" : "sort") : null;
  if (cell.columnId === "select") return press ? "toggle-row" : null;
  if (cell.columnId === "external_device_id") return press ? "open" : null;
  return cell.editable && (key === "Enter" || key === "F2") ? "edit" : null;
}
