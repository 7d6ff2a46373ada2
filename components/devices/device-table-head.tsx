"use client";
// The device table's (device-table.tsx) header row: a sortable header per column, the select-all box
// first. Below 768 px the headers are chips above the cards, and the toolbar's "Select all shown"
// stands in for the box.
import type { KeyboardEvent } from "react";
import { flexRender, type Column, type Header, type Table } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "@/components/ui";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import type { useRovingGrid } from "./use-roving-grid";
import type { VisibleSelection } from "./use-visible-selection";

type CellProps = ReturnType<typeof useRovingGrid>["cellProps"];
type OnCellKey = (e: KeyboardEvent, columnId: string, d: DeviceRowView | null) => void;
type AllPicked = Pick<VisibleSelection<DeviceRowView>, "allSelected" | "toggleAll">;

/** A column's header text (what its sort button, and its label on a phone card, say). */
export const labelOf = (c: Column<DeviceRowView>) => {
  const h = c.columnDef.header;
  return typeof h === "string" ? h : "";
};

export function DeviceTableHead({
  table,
  cellProps,
  picked,
  onCellKey,
}: {
  table: Table<DeviceRowView>;
  cellProps: CellProps;
  picked: AllPicked;
  onCellKey: OnCellKey;
}) {
  return (
    <thead
      role="rowgroup"
      className="bg-slate-50 text-left text-xs font-semibold text-slate-600 max-md:block max-md:bg-transparent"
    >
      {table.getHeaderGroups().map((hg) => (
        <tr
          key={hg.id}
          role="row"
          aria-rowindex={1}
          className="max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-2 max-md:px-3 max-md:pt-3"
        >
          {hg.headers.map((h, c) => {
            const sorted = h.column.getIsSorted();
            return (
              <th
                key={h.id}
                {...cellProps(0, c)}
                role="columnheader"
                className={cn(
                  "whitespace-nowrap px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset",
                  "focus-visible:ring-indigo-600 max-md:block max-md:p-0",
                  // The toolbar's "Select all shown" stands in for this box on a phone.
                  h.column.id === "select" && "max-md:hidden",
                )}
                aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                onKeyDown={(e) => onCellKey(e, h.column.id, null)}
              >
                <HeaderContent header={h} picked={picked} />
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}

/** What a header cell holds: the select-all box, a sort button, or the plain header. */
function HeaderContent({ header: h, picked }: { header: Header<DeviceRowView, unknown>; picked: AllPicked }) {
  const sorted = h.column.getIsSorted();
  if (h.column.id === "select") {
    return (
      <input
        type="checkbox"
        tabIndex={-1}
        aria-label="Select every shown device"
        checked={picked.allSelected}
        onChange={picked.toggleAll}
      />
    );
  }
  if (!h.column.getCanSort()) return flexRender(h.column.columnDef.header, h.getContext());
  return (
    <button
      type="button"
      tabIndex={-1}
      className={cn(
        "inline-flex items-center gap-1 hover:text-slate-900",
        "max-md:min-h-8 max-md:rounded max-md:bg-white max-md:px-2.5 max-md:ring-1 max-md:ring-inset",
        "max-md:ring-slate-300",
        sorted && "max-md:text-slate-900",
      )}
      title={`Sort by ${labelOf(h.column)}`}
      onClick={h.column.getToggleSortingHandler()}
    >
      {flexRender(h.column.columnDef.header, h.getContext())}
      {sorted === "asc" ? (
        <ArrowUp className="h-3 w-3" aria-hidden="true" />
      ) : sorted === "desc" ? (
        <ArrowDown className="h-3 w-3" aria-hidden="true" />
      ) : (
        <ArrowUpDown className="h-3 w-3 opacity-40" aria-hidden="true" />
      )}
    </button>
  );
}
