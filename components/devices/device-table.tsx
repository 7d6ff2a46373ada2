"use client";
// The device grid's table: sortable headers, one row per device, each cell a stop of the roving
// tabindex (use-roving-grid.ts). Below 768 px the same rows are cards (one DOM, restyled, as the
// list pages' DataTable does): a labelled line per field, the select box at the card's corner, the
// sortable headers as chips above the cards, every target at least 24 px, nothing wider than the
// screen. Keys on a cell are handled by device-grid.tsx (onCellKey). The rows, columns and selection
// are the table's: what its filters and sorting show now. The header row is device-table-head.tsx.
import type { KeyboardEvent } from "react";
import type { Column, Row, Table } from "@tanstack/react-table";
import { cn } from "@/components/ui";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { DeviceCell } from "./device-cell";
import { DeviceTableHead, labelOf } from "./device-table-head";
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

export function DeviceTable({ table, nav, picked, edit, onCellKey, onOpen }: Props) {
  const { grid, onKeyDown, cellProps } = nav;
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  const selection = table.getState().rowSelection;
  const canEdit = edit !== null;
  return (
    // relative: an empty cell's sr-only "empty" (absolutely placed) past the box's right edge stays in its
    // scroll, as in the DataTable, instead of widening the page (1633 px at a 1280 px laptop).
    <div className="relative md:overflow-x-auto">
      {/* Shown, not a tooltip on each cell: a touch or keyboard user never sees a title. */}
      <p id="device-grid-help" className="px-4 py-2 text-xs text-slate-600">
        {canEdit
          ? "To edit a value, double-click it or press Enter on its cell (on a phone, tap its pencil). " +
            "Arrow keys move between cells; Escape cancels an edit; Space ticks a row."
          : "Arrow keys move between cells; Enter opens a device."}
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
        <DeviceTableHead table={table} cellProps={cellProps} picked={picked} onCellKey={onCellKey} />
        <tbody role="rowgroup" className="max-md:block max-md:space-y-3 max-md:p-3">
          {rows.map((row, i) => (
            <DeviceTableRow
              key={row.id}
              row={row}
              index={i}
              columns={columns}
              selected={!!selection[row.id]}
              cellProps={cellProps}
              edit={edit}
              onToggle={() => picked.toggleRow(row.id)}
              onCellKey={onCellKey}
              onOpen={onOpen}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One device: a cell per column, or a card of labelled lines below 768 px. */
function DeviceTableRow({
  row,
  index: i,
  columns,
  selected,
  cellProps,
  edit,
  onToggle,
  onCellKey,
  onOpen,
}: Pick<Props, "edit" | "onCellKey" | "onOpen"> & {
  row: Row<DeviceRowView>;
  /** The row's position among those shown (the header row comes before it). */
  index: number;
  columns: Column<DeviceRowView>[];
  selected: boolean;
  cellProps: Props["nav"]["cellProps"];
  onToggle: () => void;
}) {
  return (
    <tr
      role="row"
      aria-rowindex={i + 2}
      aria-selected={edit !== null ? selected : undefined}
      className={cn(
        "border-t border-slate-100",
        "max-md:block max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:p-3 max-md:shadow-sm",
        selected && "bg-indigo-50/50",
      )}
      data-testid={`device-${row.original.external_device_id}`}
    >
      {columns.map((col, c) => {
        const cellEdit = edit && isEditable(col.id) ? edit : null;
        const label = labelOf(col);
        return (
          <td
            key={col.id}
            {...cellProps(i + 1, c)}
            role="gridcell"
            data-label={label || undefined}
            aria-readonly={cellEdit ? undefined : true}
            onKeyDown={(e) => onCellKey(e, col.id, row.original)}
            onDoubleClick={() => {
              if (cellEdit && isEditable(col.id)) cellEdit.start(row.original, col.id);
            }}
            className={cn(
              "whitespace-nowrap px-3 py-2 align-middle focus:outline-none focus-visible:ring-2",
              "focus-visible:ring-inset focus-visible:ring-indigo-600",
              "max-md:whitespace-normal max-md:[overflow-wrap:anywhere]",
              cardClasses(col.id),
              cellEdit && "cursor-text",
            )}
          >
            <DeviceCell
              columnId={col.id}
              device={row.original}
              selected={selected}
              edit={cellEdit}
              onToggle={onToggle}
              onOpen={() => onOpen(row.original)}
            />
          </td>
        );
      })}
    </tr>
  );
}

/** A cell's place on the phone card: the box at the corner, the device ID as the title, a labelled line. */
function cardClasses(columnId: string) {
  if (columnId === "select") return "max-md:float-right max-md:ml-2 max-md:p-0";
  if (columnId === "external_device_id") return "max-md:block max-md:pb-2 max-md:pr-0 max-md:pl-0 max-md:pt-0";
  return [
    // The label floats in the cell's left padding, as on the list pages' cards.
    "max-md:flow-root max-md:py-1 max-md:pl-28 max-md:pr-0",
    "max-md:before:float-left max-md:before:-ml-28 max-md:before:w-24",
    "max-md:before:text-xs max-md:before:text-slate-600 max-md:before:content-[attr(data-label)]",
  ];
}
