"use client";
// A site's devices as CHeKT has them, with the last status our webhooks saw. Sort by any column,
// filter, select rows to delete, open a row's details, or edit a cell in place.
// Keyboard: the grid is one Tab stop; arrows move between cells (use-roving-grid.ts); Enter or F2
// edits a cell (Enter saves as a one-row bulk update, Escape cancels), Enter or Space on a
// checkbox or header cell toggles it. Selection only ever covers rows the filter shows.
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ClipboardPaste, Plus, Trash2 } from "lucide-react";
import { Badge, Button, ConfirmDialog, EmptyState, buttonClasses, cn } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import { validateDevice } from "@/lib/bulk/validate";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { deleteDevicesJob, updateDevicesJob } from "@/actions/devices";
import { DeviceDrawer } from "./device-drawer";
import { fmtDate } from "./format";
import { useRovingGrid } from "./use-roving-grid";
import { namesList } from "./names-list";

const EDITABLE = new Set<string>([
  "name",
  "device_type",
  "zone_number",
  "additional_zone_numbers",
  "mac",
  "manufacturer",
  "model",
  "serial_number",
]);

function textOf(d: DeviceRowView, field: DeviceField): string {
  return (d[field as keyof DeviceRowView] as string | null | undefined) ?? "";
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
  const router = useRouter();
  const [sorting, setSorting] = useState<SortingState>([{ id: "external_device_id", desc: false }]);
  const [filter, setFilter] = useState("");
  const [typeFilter, setTypeFilter] = useState("");
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [detail, setDetail] = useState<DeviceRowView | null>(null);
  const [editing, setEditing] = useState<{ id: number; field: DeviceField; value: string; error?: string } | null>(
    null,
  );
  const [confirming, setConfirming] = useState(false);
  const [lastJob, setLastJob] = useState<string | null>(null);
  const update = useActionRunner(updateDevicesJob);
  const remove = useActionRunner(deleteDevicesJob);

  const data = useMemo(
    () => (typeFilter ? devices.filter((d) => d.device_type === typeFilter) : devices),
    [devices, typeFilter],
  );

  const columns = useMemo<ColumnDef<DeviceRowView>[]>(() => {
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
      { id: "external_device_id", accessorKey: "external_device_id", header: "External ID" },
      field("device_type"),
      field("name"),
      field("zone_number"),
      field("additional_zone_numbers"),
      field("mac"),
      field("manufacturer"),
      field("model"),
      field("serial_number"),
      { id: "registered_by_partner", accessorFn: (d) => d.registered_by_partner ?? "", header: "Registered by" },
      { id: "status", accessorFn: (d) => d.status ?? "", header: "Status" },
      { id: "created_at", accessorFn: (d) => d.created_at ?? "", header: "Created", enableGlobalFilter: false },
      { id: "updated_at", accessorFn: (d) => d.updated_at ?? "", header: "Updated", enableGlobalFilter: false },
    ];
  }, [canEdit]);

  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: filter, rowSelection: selection },
    getRowId: (d) => String(d.device_id),
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    onRowSelectionChange: setSelection,
    globalFilterFn: "includesString",
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const visible = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();
  // Only what the filter shows can be acted on: the count, the buttons and the job all use this.
  const selectedVisible = visible.filter((r) => selection[r.id]).map((r) => r.original);
  const allVisibleSelected = visible.length > 0 && selectedVisible.length === visible.length;

  // A filter change drops the selection of rows it hides, so a later tick never adds to them.
  const visibleKey = visible.map((r) => r.id).join(",");
  useEffect(() => {
    const shown = new Set(visibleKey ? visibleKey.split(",") : []);
    setSelection((prev) => {
      const kept = Object.fromEntries(Object.entries(prev).filter(([id, on]) => on && shown.has(id)));
      return Object.keys(kept).length === Object.keys(prev).length ? prev : kept;
    });
  }, [visibleKey]);

  const nav = useRovingGrid(visible.length + 1, leafColumns.length);

  function toggleAllVisible() {
    setSelection(allVisibleSelected ? {} : Object.fromEntries(visible.map((r) => [r.id, true])));
  }

  function toggleRow(id: string) {
    setSelection((prev) => {
      const next = { ...prev };
      if (next[id]) delete next[id];
      else next[id] = true;
      return next;
    });
  }

  function startEdit(d: DeviceRowView, field: DeviceField) {
    if (!canEdit || !EDITABLE.has(field)) return;
    setEditing({ id: d.device_id, field, value: textOf(d, field) });
  }

  function cancelEdit() {
    setEditing(null);
    requestAnimationFrame(nav.focusActive);
  }

  async function saveEdit() {
    if (!editing) return;
    const device = devices.find((d) => d.device_id === editing.id);
    if (!device) return cancelEdit();
    const values = { external_device_id: device.external_device_id, [editing.field]: editing.value };
    const { errors } = validateDevice(values, "update");
    if (errors[editing.field] || editing.value.trim() === "") {
      setEditing({
        ...editing,
        error: errors[editing.field] ?? `${FIELD_LABELS[editing.field]} cannot be emptied here`,
      });
      return;
    }
    const res = await update.run(
      { siteId, rows: [{ line: 1, values }], skipInvalid: false, fromSheet: false },
      `Update queued for ${device.name || device.external_device_id}`,
    );
    if (res.ok && res.data) {
      cancelEdit();
      setLastJob(res.data.jobId);
      // The job usually lands within a second or two; show CHeKT's new value then.
      setTimeout(() => router.refresh(), 1500);
    }
  }

  /** Enter / Space / F2 on a focused cell (not on an editor inside it). */
  function onCellKey(e: KeyboardEvent, columnId: string, d: DeviceRowView | null) {
    if (e.target !== e.currentTarget) return;
    const enter = e.key === "Enter";
    const space = e.key === " ";
    if (!enter && !space && e.key !== "F2") return;
    if (d === null) {
      if (columnId === "select" && (enter || space)) toggleAllVisible();
      else if (enter || space) table.getColumn(columnId)?.toggleSorting();
      else return;
    } else if (columnId === "select" && (enter || space)) toggleRow(String(d.device_id));
    else if (columnId === "external_device_id" && (enter || space)) setDetail(d);
    else if (EDITABLE.has(columnId) && canEdit && (enter || e.key === "F2")) startEdit(d, columnId as DeviceField);
    else return;
    e.preventDefault();
  }

  function renderCell(columnId: string, d: DeviceRowView) {
    if (columnId === "select") {
      return (
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${d.name} (${d.external_device_id})`}
          checked={!!selection[String(d.device_id)]}
          onChange={() => toggleRow(String(d.device_id))}
        />
      );
    }
    if (columnId === "external_device_id") {
      return (
        <button
          type="button"
          tabIndex={-1}
          className="font-mono text-xs text-indigo-700 underline-offset-2 hover:underline"
          onClick={() => setDetail(d)}
        >
          {d.external_device_id}
        </button>
      );
    }
    if (editing && editing.id === d.device_id && editing.field === columnId) {
      const f = editing.field;
      return (
        <div data-editor>
          <input
            autoFocus
            aria-label={`New ${FIELD_LABELS[f]} for ${d.external_device_id}`}
            aria-invalid={editing.error ? true : undefined}
            value={editing.value}
            disabled={update.pending}
            onChange={(e) => setEditing({ ...editing, value: e.target.value, error: undefined })}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === "Enter") void saveEdit();
              if (e.key === "Escape") cancelEdit();
            }}
            className={cn(
              "h-8 w-40 rounded px-2 text-sm ring-1 ring-inset focus:outline-none focus:ring-2 focus:ring-indigo-600",
              editing.error ? "ring-red-500" : "ring-slate-300",
            )}
          />
          {editing.error ? (
            <p className="mt-1 text-xs text-red-700" role="alert">
              {editing.error}
            </p>
          ) : null}
        </div>
      );
    }
    switch (columnId) {
      case "device_type":
        return <Badge tone={d.device_type === "bridge" ? "info" : "neutral"}>{d.device_type}</Badge>;
      case "mac":
        return <span className="font-mono text-xs">{d.mac || "—"}</span>;
      case "status":
        return d.status ? (
          <Badge tone={d.status === "online" ? "success" : "danger"}>{d.status}</Badge>
        ) : (
          <span className="text-slate-600">unknown</span>
        );
      case "created_at":
      case "updated_at":
        return <span className="whitespace-nowrap text-xs">{fmtDate(d[columnId])}</span>;
      case "registered_by_partner":
        return d.registered_by_partner ?? "";
      default: {
        const v = textOf(d, columnId as DeviceField);
        return (
          v || (
            <span className="text-slate-600">
              <span aria-hidden="true">—</span>
              <span className="sr-only">empty</span>
            </span>
          )
        );
      }
    }
  }

  async function confirmDelete() {
    const ids = selectedVisible.map((d) => d.device_id);
    const res = await remove.run(
      { siteId, deviceIds: ids },
      `Deleting ${ids.length} device${ids.length === 1 ? "" : "s"}`,
    );
    if (res.ok && res.data) {
      setConfirming(false);
      setSelection({});
      router.push(`/sites/${siteId}/devices/jobs/${res.data.jobId}`);
    }
  }

  if (devices.length === 0) {
    return (
      <EmptyState
        title="No devices yet"
        description="Add one device, or paste a list from a spreadsheet to provision cameras and bridges in one go."
        action={
          canEdit ? (
            <div className="flex gap-2">
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

  const count = selectedVisible.length;
  const names = namesList(
    selectedVisible.map((d) => (d.name ? `${d.name} (${d.external_device_id})` : d.external_device_id)),
  );
  return (
    <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <input
          type="search"
          aria-label="Filter devices"
          placeholder="Filter by ID, name, MAC, model…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="h-9 w-full rounded-md border-0 px-3 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 sm:w-64"
        />
        <select
          aria-label="Filter by type"
          value={typeFilter}
          onChange={(e) => setTypeFilter(e.target.value)}
          className="h-9 rounded-md border-0 text-sm ring-1 ring-inset ring-slate-300"
        >
          <option value="">All types</option>
          <option value="camera">Cameras</option>
          <option value="bridge">Bridges</option>
        </select>
        <span className="text-sm text-slate-600" aria-live="polite" data-testid="grid-count">
          {visible.length} of {devices.length}
        </span>
        {lastJob ? (
          <Link
            href={`/sites/${siteId}/devices/jobs/${lastJob}`}
            className="text-sm text-indigo-700 underline-offset-2 hover:underline"
          >
            View the last update job
          </Link>
        ) : null}
        {canEdit && count ? (
          <div className="ml-auto flex items-center gap-2">
            <span className="text-sm text-slate-700" data-testid="selected-count">
              {count} selected
            </span>
            <Button
              variant="danger"
              size="sm"
              icon={<Trash2 className="h-4 w-4" />}
              onClick={() => setConfirming(true)}
            >
              Delete {count}
            </Button>
          </div>
        ) : null}
      </div>
      <p id="device-grid-help" className="sr-only">
        Arrow keys move between cells. Enter edits a cell or opens a device; Escape cancels an edit; Space ticks a row.
      </p>
      <div className="overflow-x-auto">
        <table
          ref={nav.grid}
          role="grid"
          aria-label="Devices"
          aria-describedby="device-grid-help"
          aria-rowcount={visible.length + 1}
          aria-multiselectable={canEdit ? true : undefined}
          className="min-w-full text-sm"
          onKeyDown={nav.onKeyDown}
        >
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id} aria-rowindex={1}>
                {hg.headers.map((h, c) => {
                  const sorted = h.column.getIsSorted();
                  const cell = nav.cellProps(0, c);
                  return (
                    <th
                      key={h.id}
                      {...cell}
                      role="columnheader"
                      className="whitespace-nowrap px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-600"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      onKeyDown={(e) => onCellKey(e, h.column.id, null)}
                    >
                      {h.column.id === "select" ? (
                        <input
                          type="checkbox"
                          tabIndex={-1}
                          aria-label="Select every shown device"
                          checked={allVisibleSelected}
                          onChange={toggleAllVisible}
                        />
                      ) : h.column.getCanSort() ? (
                        <button
                          type="button"
                          tabIndex={-1}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                          onClick={h.column.getToggleSortingHandler()}
                        >
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          {sorted === "asc" ? (
                            <ArrowUp className="h-3 w-3" />
                          ) : sorted === "desc" ? (
                            <ArrowDown className="h-3 w-3" />
                          ) : (
                            <ArrowUpDown className="h-3 w-3 opacity-40" />
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
          <tbody>
            {visible.map((row, i) => (
              <tr
                key={row.id}
                aria-rowindex={i + 2}
                aria-selected={canEdit ? !!selection[row.id] : undefined}
                className={cn("border-t border-slate-100", selection[row.id] && "bg-indigo-50/50")}
                data-testid={`device-${row.original.external_device_id}`}
              >
                {leafColumns.map((col, c) => {
                  const editable = canEdit && EDITABLE.has(col.id);
                  return (
                    <td
                      key={col.id}
                      {...nav.cellProps(i + 1, c)}
                      role="gridcell"
                      aria-readonly={editable ? undefined : true}
                      title={editable ? "Press Enter or double-click to edit" : undefined}
                      onKeyDown={(e) => onCellKey(e, col.id, row.original)}
                      onDoubleClick={() => startEdit(row.original, col.id as DeviceField)}
                      className={cn(
                        "whitespace-nowrap px-3 py-2 align-middle focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-600",
                        editable && "cursor-text",
                      )}
                    >
                      {renderCell(col.id, row.original)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={confirmDelete}
        destructive
        pending={remove.pending}
        title={`Delete ${count} device${count === 1 ? "" : "s"}?`}
        description={`These ${count === 1 ? "device" : `${count} devices`} will be removed from this site in CHeKT. This cannot be undone.`}
        confirmLabel={`Delete ${count}`}
      >
        <ul
          className="max-h-64 list-disc space-y-0.5 overflow-y-auto pl-5 text-sm text-slate-800"
          data-testid="delete-names"
        >
          {names.shown.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        {names.more ? <p className="mt-1 text-sm text-slate-600">and {names.more} more</p> : null}
      </ConfirmDialog>
      {detail ? (
        <DeviceDrawer
          device={detail}
          onClose={() => {
            setDetail(null);
            requestAnimationFrame(nav.focusActive);
          }}
        />
      ) : null}
    </div>
  );
}
