"use client";
// A site's devices as CHeKT has them, with the last status our webhooks saw. Sort by any column,
// filter, select rows to delete, open a row's details, or edit a cell in place (Enter or
// double-click; Enter saves as a one-row bulk update, Esc cancels).
import { useMemo, useState, type KeyboardEvent } from "react";
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
import { ArrowDown, ArrowUp, ArrowUpDown, ClipboardPaste, Trash2, X } from "lucide-react";
import { Badge, Button, ConfirmDialog, EmptyState, buttonClasses, cn } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import { validateDevice } from "@/lib/bulk/validate";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { deleteDevicesJob, updateDevicesJob } from "@/app/(console)/sites/[siteId]/devices/actions";

const EDITABLE = new Set<DeviceField>(["name", "device_type", "zone_number", "additional_zone_numbers", "mac", "manufacturer", "model", "serial_number"]);

function fmtDate(v: string | null | undefined) {
  if (!v) return "—";
  const d = new Date(v.includes("T") ? v : v.replace(" ", "T") + "Z");
  return Number.isNaN(d.getTime()) ? v : d.toLocaleString();
}

export function DeviceGrid({ siteId, devices, canEdit }: { siteId: number; devices: DeviceRowView[]; canEdit: boolean }) {
  const router = useRouter();
  const [sorting, setSorting] = useState<SortingState>([{ id: "external_device_id", desc: false }]);
  const [filter, setFilter] = useState("");
  const [typeFilter, setTypeFilter] = useState("");
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [detail, setDetail] = useState<DeviceRowView | null>(null);
  const [editing, setEditing] = useState<{ id: number; field: DeviceField; value: string; error?: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [lastJob, setLastJob] = useState<string | null>(null);
  const update = useActionRunner(updateDevicesJob);
  const remove = useActionRunner(deleteDevicesJob);

  const data = useMemo(() => (typeFilter ? devices.filter((d) => d.device_type === typeFilter) : devices), [devices, typeFilter]);

  async function saveEdit() {
    if (!editing) return;
    const device = devices.find((d) => d.device_id === editing.id)!;
    const values = { external_device_id: device.external_device_id, [editing.field]: editing.value };
    const { errors } = validateDevice(values, "update");
    if (errors[editing.field] || editing.value.trim() === "") {
      setEditing({ ...editing, error: errors[editing.field] ?? `${FIELD_LABELS[editing.field]} cannot be emptied here` });
      return;
    }
    const res = await update.run({ siteId, rows: [{ line: 1, values }], skipInvalid: false }, `Update queued for ${device.external_device_id}`);
    if (res.ok && res.data) {
      setEditing(null);
      setLastJob(res.data.jobId);
      // The job usually lands within a second or two; show CHeKT's new value then.
      setTimeout(() => router.refresh(), 1500);
    }
  }

  function editableCell(field: DeviceField, render?: (d: DeviceRowView) => React.ReactNode): ColumnDef<DeviceRowView> {
    return {
      id: field,
      accessorFn: (d) => (d[field as keyof DeviceRowView] as string | null | undefined) ?? "",
      header: FIELD_LABELS[field],
      cell: ({ row }) => {
        const d = row.original;
        const value = (d[field as keyof DeviceRowView] as string | null | undefined) ?? "";
        if (editing && editing.id === d.device_id && editing.field === field) {
          return (
            <div>
              <input
                autoFocus
                aria-label={`New ${FIELD_LABELS[field]} for ${d.external_device_id}`}
                aria-invalid={editing.error ? true : undefined}
                value={editing.value}
                disabled={update.pending}
                onChange={(e) => setEditing({ ...editing, value: e.target.value, error: undefined })}
                onKeyDown={(e) => {
                  if (e.key === "Enter") void saveEdit();
                  if (e.key === "Escape") setEditing(null);
                }}
                className={cn("h-8 w-40 rounded px-2 text-sm ring-1 ring-inset focus:outline-none focus:ring-2 focus:ring-indigo-600", editing.error ? "ring-red-500" : "ring-slate-300")}
              />
              {editing.error ? <p className="mt-1 text-xs text-red-700" role="alert">{editing.error}</p> : null}
            </div>
          );
        }
        const shown = render ? render(d) : value || <span className="text-slate-400">—</span>;
        if (!canEdit || !EDITABLE.has(field)) return shown;
        const start = () => setEditing({ id: d.device_id, field, value });
        return (
          <span
            role="button"
            tabIndex={0}
            title="Press Enter or double-click to edit"
            aria-label={`${FIELD_LABELS[field]} ${value || "empty"}, edit`}
            onDoubleClick={start}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === "Enter" || e.key === "F2") {
                e.preventDefault();
                start();
              }
            }}
            className="-mx-1 block cursor-text rounded px-1 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
          >
            {shown}
          </span>
        );
      },
    };
  }

  const columns = useMemo<ColumnDef<DeviceRowView>[]>(
    () => [
      ...(canEdit
        ? [
            {
              id: "select",
              enableSorting: false,
              header: ({ table }) => (
                <input type="checkbox" aria-label="Select every shown device" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
              ),
              cell: ({ row }) => (
                <input type="checkbox" aria-label={`Select ${row.original.external_device_id}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
              ),
            } satisfies ColumnDef<DeviceRowView>,
          ]
        : []),
      {
        id: "external_device_id",
        accessorKey: "external_device_id",
        header: "External ID",
        cell: ({ row }) => (
          <button type="button" className="font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600" onClick={() => setDetail(row.original)}>
            {row.original.external_device_id}
          </button>
        ),
      },
      editableCell("device_type", (d) => <Badge tone={d.device_type === "bridge" ? "info" : "neutral"}>{d.device_type}</Badge>),
      editableCell("name"),
      editableCell("zone_number"),
      editableCell("additional_zone_numbers"),
      editableCell("mac", (d) => <span className="font-mono text-xs">{d.mac || "—"}</span>),
      editableCell("manufacturer"),
      editableCell("model"),
      editableCell("serial_number"),
      { id: "registered_by_partner", accessorFn: (d) => d.registered_by_partner ?? "", header: "Registered by" },
      {
        id: "status",
        accessorFn: (d) => d.status ?? "",
        header: "Status",
        cell: ({ row }) =>
          row.original.status ? <Badge tone={row.original.status === "online" ? "success" : "danger"}>{row.original.status}</Badge> : <span className="text-slate-400">unknown</span>,
      },
      { id: "created_at", accessorFn: (d) => d.created_at ?? "", header: "Created", cell: ({ row }) => <span className="whitespace-nowrap text-xs">{fmtDate(row.original.created_at)}</span> },
      { id: "updated_at", accessorFn: (d) => d.updated_at ?? "", header: "Updated", cell: ({ row }) => <span className="whitespace-nowrap text-xs">{fmtDate(row.original.updated_at)}</span> },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [canEdit, editing, update.pending],
  );

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
  const selectedIds = Object.keys(selection).filter((k) => selection[k]).map(Number);

  async function confirmDelete() {
    const res = await remove.run({ siteId, deviceIds: selectedIds }, `Deleting ${selectedIds.length} device${selectedIds.length === 1 ? "" : "s"}`);
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
        description="Paste a list from a spreadsheet to provision cameras and bridges in one go."
        action={canEdit ? <Link href={`/sites/${siteId}/devices/paste`} className={buttonClasses()}><ClipboardPaste className="h-4 w-4" /> Paste devices</Link> : undefined}
      />
    );
  }

  return (
    <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <input
          type="search"
          aria-label="Filter devices"
          placeholder="Filter by ID, name, MAC, model…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="h-9 w-64 rounded-md border-0 px-3 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        />
        <select aria-label="Filter by type" value={typeFilter} onChange={(e) => setTypeFilter(e.target.value)} className="h-9 rounded-md border-0 text-sm ring-1 ring-inset ring-slate-300">
          <option value="">All types</option>
          <option value="camera">Cameras</option>
          <option value="bridge">Bridges</option>
        </select>
        <span className="text-sm text-slate-500" aria-live="polite">
          {table.getRowModel().rows.length} of {devices.length}
        </span>
        {lastJob ? (
          <Link href={`/sites/${siteId}/devices/jobs/${lastJob}`} className="text-sm text-indigo-700 underline-offset-2 hover:underline">
            View the last update job
          </Link>
        ) : null}
        {canEdit && selectedIds.length ? (
          <div className="ml-auto flex items-center gap-2">
            <span className="text-sm text-slate-700">{selectedIds.length} selected</span>
            <Button variant="danger" size="sm" icon={<Trash2 className="h-4 w-4" />} onClick={() => setConfirming(true)}>
              Delete {selectedIds.length}
            </Button>
          </div>
        ) : null}
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-label="Devices">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  return (
                    <th key={h.id} className="whitespace-nowrap px-3 py-2" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                      {h.column.getCanSort() ? (
                        <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600" onClick={h.column.getToggleSortingHandler()}>
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          {sorted === "asc" ? <ArrowUp className="h-3 w-3" /> : sorted === "desc" ? <ArrowDown className="h-3 w-3" /> : <ArrowUpDown className="h-3 w-3 opacity-40" />}
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
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={cn("border-t border-slate-100", row.getIsSelected() && "bg-indigo-50/50")} data-testid={`device-${row.original.external_device_id}`}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="whitespace-nowrap px-3 py-2 align-middle">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
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
        title={`Delete ${selectedIds.length} device${selectedIds.length === 1 ? "" : "s"}?`}
        description={`${selectedIds.length} device${selectedIds.length === 1 ? "" : "s"} will be removed from this site in CHeKT. This cannot be undone.`}
        confirmLabel={`Delete ${selectedIds.length}`}
      />
      {detail ? <DeviceDrawer device={detail} onClose={() => setDetail(null)} /> : null}
    </div>
  );
}

function DeviceDrawer({ device, onClose }: { device: DeviceRowView; onClose: () => void }) {
  const rows: [string, React.ReactNode][] = [
    ["CHeKT device ID", device.device_id],
    ["External ID", <span key="e" className="font-mono">{device.external_device_id}</span>],
    ["Type", device.device_type],
    ["Name", device.name],
    ["Zone", device.zone_number || "—"],
    ["Additional zones", device.additional_zone_numbers || "—"],
    ["MAC", <span key="m" className="font-mono">{device.mac || "—"}</span>],
    ["Manufacturer", device.manufacturer || "—"],
    ["Model", device.model || "—"],
    ["Serial number", device.serial_number || "—"],
    ["Registered by", device.registered_by_partner || "—"],
    ["Status", device.status ? `${device.status}${device.statusAt ? ` (since ${fmtDate(device.statusAt)})` : ""}` : "unknown"],
    ["Firmware", device.firmware || "—"],
    ["Created", fmtDate(device.created_at)],
    ["Updated", fmtDate(device.updated_at)],
  ];
  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-slate-900/30" onClick={onClose} onKeyDown={(e) => e.key === "Escape" && onClose()} role="presentation">
      <aside
        role="dialog"
        aria-modal="true"
        aria-label={`Device ${device.external_device_id}`}
        className="h-full w-full max-w-md overflow-y-auto bg-white p-6 shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="mb-4 flex items-start justify-between">
          <h2 className="text-lg font-semibold text-slate-900">{device.name}</h2>
          <button type="button" autoFocus onClick={onClose} aria-label="Close details" className="rounded p-1 text-slate-500 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
            <X className="h-5 w-5" />
          </button>
        </div>
        <dl className="divide-y divide-slate-100 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="grid grid-cols-3 gap-2 py-2">
              <dt className="text-slate-500">{k}</dt>
              <dd className="col-span-2 text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      </aside>
    </div>
  );
}
