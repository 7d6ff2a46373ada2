"use client";
// A site's devices as CHeKT has them, with the last status our webhooks saw. Sort by any column,
// filter, select rows to delete, open a row's details, or edit a cell in place.
// Keyboard: the grid is one Tab stop; arrows move between cells (use-roving-grid.ts); Enter or F2
// edits a cell (Enter saves as a one-row bulk update, Escape cancels), Enter or Space on a
// checkbox or header cell toggles it. Selection only ever covers rows the filter shows.
// The parts: the toolbar (device-grid-toolbar.tsx), the table and its phone cards
// (device-table.tsx), a cell (device-cell.tsx), editing (use-cell-editing.ts), the delete
// confirmation (delete-devices-dialog.tsx), the selection the filter limits (use-visible-selection.ts),
// the filters (use-device-filters.ts). This file holds the table model and the keys.
import { useMemo, useState, type KeyboardEvent } from "react";
import Link from "next/link";
import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { ClipboardPaste, Plus } from "lucide-react";
import { EmptyState, buttonClasses } from "@/components/ui";
import { FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { deviceStatus } from "@/lib/fleet/device-status";
import { DeleteDevicesDialog } from "./delete-devices-dialog";
import { DeviceDrawer } from "./device-drawer";
import { DeviceGridToolbar } from "./device-grid-toolbar";
import { DeviceTable } from "./device-table";
import { cellKeyAction } from "./grid-keys";
import { isEditable, textOf, useCellEditing } from "./use-cell-editing";
import { useDeviceFilters, type DeviceFilters } from "./use-device-filters";
import { useRovingGrid } from "./use-roving-grid";
import { useVisibleSelection } from "./use-visible-selection";

function deviceColumns(canEdit: boolean): ColumnDef<DeviceRowView>[] {
  const field = (id: DeviceField): ColumnDef<DeviceRowView> => ({
    id,
    accessorFn: (d) => textOf(d, id),
    header: FIELD_LABELS[id],
  });
  return [
    ...(canEdit
      ? [
          {
            id: "select",
            enableSorting: false,
            enableGlobalFilter: false,
            header: "Select",
          } satisfies ColumnDef<DeviceRowView>,
        ]
      : []),
    { id: "external_device_id", accessorKey: "external_device_id", header: FIELD_LABELS.external_device_id },
    field("device_type"),
    field("name"),
    field("zone_number"),
    field("additional_zone_numbers"),
    field("mac"),
    field("manufacturer"),
    field("model"),
    field("serial_number"),
    { id: "registered_by_partner", accessorFn: (d) => d.registered_by_partner ?? "", header: "Registered by" },
    // As the badge shows it (Online, Offline, Unknown), so search and sort go by what the row reads.
    { id: "status", accessorFn: (d) => deviceStatus(d.status), header: "Status" },
    { id: "created_at", accessorFn: (d) => d.created_at ?? "", header: "Created", enableGlobalFilter: false },
    { id: "updated_at", accessorFn: (d) => d.updated_at ?? "", header: "Updated", enableGlobalFilter: false },
  ];
}

/** The table model: the filtered, sorted rows, and the selection limited to those shown. */
function useDeviceTable(filters: DeviceFilters, canEdit: boolean) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "external_device_id", desc: false }]);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const columns = useMemo(() => deviceColumns(canEdit), [canEdit]);

  const table = useReactTable({
    data: filters.ofType,
    columns,
    state: { sorting, globalFilter: filters.text, rowSelection: selection },
    getRowId: (d) => String(d.device_id),
    onSortingChange: setSorting,
    onGlobalFilterChange: filters.setText,
    onRowSelectionChange: setSelection,
    globalFilterFn: "includesString",
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const visible = table.getRowModel().rows;
  const picked = useVisibleSelection(visible, selection, setSelection);
  return { table, visible, picked };
}

export function DeviceGrid({
  siteId,
  devices,
  canEdit,
}: {
  siteId: number;
  devices: DeviceRowView[];
  canEdit: boolean;
}) {
  const filters = useDeviceFilters(devices);
  const { table, visible, picked } = useDeviceTable(filters, canEdit);
  const [detail, setDetail] = useState<DeviceRowView | null>(null);
  const [confirming, setConfirming] = useState(false);

  const nav = useRovingGrid(visible.length + 1, table.getVisibleLeafColumns().length);
  const edit = useCellEditing(siteId, devices, nav.focusActive);

  function onCellKey(e: KeyboardEvent, columnId: string, d: DeviceRowView | null) {
    if (e.target !== e.currentTarget) return;
    const editable = canEdit && isEditable(columnId);
    const action = cellKeyAction(e.key, { header: d === null, columnId, editable });
    if (action === null) return;
    e.preventDefault();
    if (action === "toggle-all") picked.toggleAll();
    else if (action === "sort") table.getColumn(columnId)?.toggleSorting();
    else if (d && action === "toggle-row") picked.toggleRow(String(d.device_id));
    else if (d && action === "open") setDetail(d);
    else if (d && action === "edit" && isEditable(columnId)) edit.start(d, columnId);
  }

  if (devices.length === 0) return <NoDevices siteId={siteId} canEdit={canEdit} />;

  return (
    <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 max-md:bg-slate-50">
      <DeviceGridToolbar
        siteId={siteId}
        filters={filters}
        shown={visible.length}
        total={devices.length}
        lastJob={edit.lastJob}
        picked={canEdit ? picked : null}
        onDelete={() => setConfirming(true)}
      />
      <DeviceTable
        table={table}
        nav={nav}
        picked={picked}
        edit={canEdit ? edit : null}
        onCellKey={onCellKey}
        onOpen={setDetail}
      />
      <DeleteDevicesDialog
        siteId={siteId}
        devices={picked.selected}
        open={confirming}
        onClose={() => setConfirming(false)}
        onDeleted={() => {
          setConfirming(false);
          picked.clear();
        }}
      />
      {detail ? (
        // Closing gives the focus back to the cell that opened it (the Dialog's own doing).
        <DeviceDrawer device={detail} onClose={() => setDetail(null)} />
      ) : null}
    </div>
  );
}

/** A site without devices: what to do first (add one, or paste a list) for a user who can. */
function NoDevices({ siteId, canEdit }: { siteId: number; canEdit: boolean }) {
  return (
    <EmptyState
      title="No devices yet"
      description="Add one device, or paste a list from a spreadsheet to provision cameras and bridges in one go."
      action={
        canEdit ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`/sites/${siteId}/devices/new`} className={buttonClasses("secondary")}>
              <Plus className="h-4 w-4" /> Add device
            </Link>
            <Link href={`/sites/${siteId}/devices/paste`} className={buttonClasses()}>
              <ClipboardPaste className="h-4 w-4" /> Paste devices
            </Link>
          </div>
        ) : undefined
      }
    />
  );
}
