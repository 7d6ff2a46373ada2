// The look every text box and select shares, whatever its size: a labelled form field (field.tsx), a
// toolbar's filter or picker, or an editor in a table or grid cell. Only the size, the padding and the
// width differ; the width stays with the caller, which knows its layout.
import { cn } from "./cn";

/**
 * Text, edge width, focus and disabled state, with no colour for the edge or background: those come from
 * controlEdge. Focus is a 2px indigo ring inside the edge on every control, an invalid one too, so a
 * keyboard user always sees where they are (WCAG 2.4.7); the error stays said in text beside the control.
 * Placeholders are slate-500, 4.7:1 on white: some carry information (the review grid's "(generated)").
 */
export const controlBase =
  "border-0 text-sm text-slate-900 ring-1 ring-inset placeholder:text-slate-500 " +
  "focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-600 " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500";

export type ControlEdge = {
  /** The value is invalid: a red edge (the control also sets aria-invalid and says why in text). */
  error?: boolean;
  /**
   * Draw the edge at rest (the default). A grid of cells that reads as a sheet passes false: its cells
   * show their edge on hover, on focus, or when invalid.
   */
  framed?: boolean;
};

/**
 * The edge and background: exactly one ring colour each time, since Tailwind's order in the stylesheet, not
 * the order in the class string, decides between two (ring-red-500 beside ring-slate-300 never shows red).
 */
export function controlEdge({ error = false, framed = true }: ControlEdge = {}): string {
  if (error) return "bg-white shadow-sm ring-red-500";
  return framed ? "bg-white shadow-sm ring-slate-300" : "bg-transparent ring-transparent hover:ring-slate-300";
}

export type CompactControl = ControlEdge & {
  /** A native select: room on the right for its arrow. */
  select?: boolean;
};

/** A filter box or picker in a toolbar or page header, outside a form: h-9. */
export function toolbarControl({ select = false, ...edge }: CompactControl = {}): string {
  return cn("h-9 rounded-md", select ? "pl-3 pr-8" : "px-3", controlBase, controlEdge(edge));
}

/** An editor inside a table row or grid cell: h-8, the height of a small button beside it. */
export function cellControl({ select = false, ...edge }: CompactControl = {}): string {
  return cn("h-8 rounded", select ? "py-0 pl-2 pr-7" : "px-2", controlBase, controlEdge(edge));
}
