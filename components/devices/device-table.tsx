"use client";
// The device grid's table: sortable headers, one row per device, each cell a stop of the roving
// tabindex (use-roving-grid.ts). Below 768 px the same rows are cards (one DOM, restyled, as the
// list pages' DataTable does): a labelled line per field, the select box at the card's corner, the
// sortable headers as chips above the cards, every target at least 24 px, nothing wider than the
// screen. Keys on a cell are handled by device-grid.tsx (onCellKey). The rows, columns and selection
// are the table's: what its filters and sorting show now.
import type { KeyboardEvent } from "react";
import { flexRender, type Column, type Table } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "@/components/ui";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { DeviceCell } from "./device-cell";
import { isEditable, type CellEditing } from "./use-cell-editing";
import type { useRovingGrid } from "./use-roving-grid";
import type { VisibleSelection } from "./use-visible-selection";

type Props = {
  table: Table<DeviceRowView>;
  /** The roving tabindex: the table's ref and key handler, each cell's stop. */
  nav: Pick<ReturnType<typeof useRovingGrid>, "grid" | "onKeyDown" | "cellProps">;
  picked: Pick<VisibleSelection<DeviceRowView>, "allSelected" | "toggleAll" | "toggleRow">;
  /** Null when the user cannot change devices: no cell edits, and no rows to select. */
  edit: CellEditing | null;
  onCellKey: (e: KeyboardEvent, columnId: string, d: DeviceRowView | null) => void;
  onOpen: (d: DeviceRowView) => void;
};

const labelOf = (c: Column<DeviceRowView>) => {
  const h = c.columnDef.header;
  return typeof h === "string" ? h : "";
};

export function DeviceTable({ table, nav, picked, edit, onCellKey, onOpen }: Props) {
  const { grid, onKeyDown, cellProps } = nav;
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  const selection = table.getState().rowSelection;
  const canEdit = edit !== null;
  return (
    <div className="md:overflow-x-auto">
      <p id="device-grid-help" className="sr-only">
        Arrow keys move between cells. Enter edits a cell or opens a device; Escape cancels an edit; Space ticks a row.
      </p>
      <table
        ref={grid}
        role="grid"
        aria-label="Devices"
        aria-describedby="device-grid-help"
        aria-rowcount={rows.length + 1}
        aria-multiselectable={canEdit ? true : undefined}
        className="min-w-full text-sm max-md:block"
        onKeyDown={onKeyDown}
      >
        <thead
          role="rowgroup"
          className={
            "bg-slate-50 text-left text-xs font-semibold text-slate-600 max-md:block " + "max-md:bg-transparent"
          }
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
                    {h.column.id === "select" ? (
                      <input
                        type="checkbox"
                        tabIndex={-1}
                        aria-label="Select every shown device"
                        checked={picked.allSelected}
                        onChange={picked.toggleAll}
                      />
                    ) : h.column.getCanSort() ? (
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
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody role="rowgroup" className="max-md:block max-md:space-y-3 max-md:p-3">
          {rows.map((row, i) => (
            <tr
              key={row.id}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={canEdit ? !!selection[row.id] : undefined}
              className={cn(
                "border-t border-slate-100",
                "max-md:block max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:p-3 max-md:shadow-sm",
                selection[row.id] && "bg-indigo-50/50",
              )}
              data-testid={`device-${row.original.external_device_id}`}
            >
              {columns.map((col, c) => {
                const cellEdit = edit && isEditable(col.id) ? edit : null;
                const label = labelOf(col);
                const card =
                  col.id === "select"
                    ? "max-md:float-right max-md:ml-2 max-md:p-0"
                    : col.id === "external_device_id"
                      ? "max-md:block max-md:pb-2 max-md:pr-0 max-md:pl-0 max-md:pt-0"
                      : [
                          // The label floats in the cell's left padding, as on the list pages' cards.
                          "max-md:flow-root max-md:py-1 max-md:pl-28 max-md:pr-0",
                          "max-md:before:float-left max-md:before:-ml-28 max-md:before:w-24",
                          "max-md:before:text-xs max-md:before:text-slate-600 max-md:before:content-[attr(data-label)]",
                        ];
                return (
                  <td
                    key={col.id}
                    {...cellProps(i + 1, c)}
                    role="gridcell"
                    data-label={label || undefined}
                    aria-readonly={cellEdit ? undefined : true}
                    title={cellEdit ? "Press Enter or double-click to edit" : undefined}
                    onKeyDown={(e) => onCellKey(e, col.id, row.original)}
                    onDoubleClick={() => {
                      if (cellEdit && isEditable(col.id)) cellEdit.start(row.original, col.id);
                    }}
                    className={cn(
                      "whitespace-nowrap px-3 py-2 align-middle focus:outline-none focus-visible:ring-2",
                      "focus-visible:ring-inset focus-visible:ring-indigo-600",
                      "max-md:whitespace-normal max-md:[overflow-wrap:anywhere]",
                      card,
                      cellEdit && "cursor-text",
                    )}
                  >
                    <DeviceCell
                      columnId={col.id}
                      device={row.original}
                      selected={!!selection[row.id]}
                      edit={cellEdit}
                      onToggle={() => picked.toggleRow(row.id)}
                      onOpen={() => onOpen(row.original)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
