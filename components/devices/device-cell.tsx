"use client";
// What one device grid cell shows: the select box, the external ID that opens the details, the
// editor while the cell is edited, or the value. On a phone card an editable value gets a pencil
// button (no double-click on a touch screen); the keyboard edits with Enter on the cell instead.
import { Pencil } from "lucide-react";
import { Badge, UtcTime, cellControl, cn, rowLinkClass } from "@/components/ui";
import { DeviceStatusBadge } from "@/components/fleet/status-badge";
import { FIELD_LABELS } from "@/lib/bulk/fields";
import type { DeviceRowView } from "@/lib/bulk/site-devices-types";
import { isEditable, textOf, type CellEditing } from "./use-cell-editing";

type Props = {
  columnId: string;
  device: DeviceRowView;
  selected: boolean;
  /** Null when this cell cannot be edited (a read-only column, or a user who cannot change devices). */
  edit: CellEditing | null;
  onToggle: () => void;
  onOpen: () => void;
};

export function DeviceCell({ columnId, device: d, selected, edit, onToggle, onOpen }: Props) {
  if (columnId === "select") {
    return (
      <input
        type="checkbox"
        tabIndex={-1}
        aria-label={d.name ? `Select ${d.name} (${d.external_device_id})` : `Select ${d.external_device_id}`}
        checked={selected}
        onChange={onToggle}
        className="max-md:h-6 max-md:w-6"
      />
    );
  }
  if (columnId === "external_device_id") {
    return (
      <button
        type="button"
        tabIndex={-1}
        className={cn("text-left font-mono text-xs max-md:min-h-6", rowLinkClass)}
        onClick={onOpen}
      >
        {d.external_device_id}
      </button>
    );
  }
  const editing = edit?.editing;
  if (edit && editing && editing.id === d.device_id && editing.field === columnId) {
    const f = editing.field;
    return (
      <div data-editor className="max-md:min-w-0 max-md:flex-1">
        <input
          autoFocus
          aria-label={`New ${FIELD_LABELS[f]} for ${d.external_device_id}`}
          aria-invalid={editing.error ? true : undefined}
          value={editing.value}
          disabled={edit.pending}
          onChange={(e) => edit.type(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "Enter") void edit.save();
            if (e.key === "Escape") edit.cancel();
          }}
          className={cn("w-40 max-md:w-full", cellControl({ error: !!editing.error }))}
        />
        {editing.error ? (
          <p className="mt-1 text-xs text-red-700" role="alert">
            {editing.error}
          </p>
        ) : null}
        <p className="mt-1 text-xs text-slate-600 md:hidden">Enter saves, Escape cancels.</p>
      </div>
    );
  }
  const value = <Value columnId={columnId} d={d} />;
  if (!edit || !isEditable(columnId)) return value;
  return (
    <span className="inline-flex items-center gap-2">
      {value}
      <button
        type="button"
        tabIndex={-1}
        aria-label={`Edit ${FIELD_LABELS[columnId]} of ${d.name || d.external_device_id}`}
        onClick={() => edit.start(d, columnId)}
        className="inline-flex h-6 w-6 items-center justify-center rounded text-slate-600 hover:bg-slate-100 md:hidden"
      >
        <Pencil className="h-3.5 w-3.5" aria-hidden="true" />
      </button>
    </span>
  );
}

function Value({ columnId, d }: { columnId: string; d: DeviceRowView }) {
  switch (columnId) {
    case "device_type":
      return <Badge tone={d.device_type === "bridge" ? "info" : "neutral"}>{d.device_type}</Badge>;
    case "mac":
      return d.mac ? <span className="font-mono text-xs">{d.mac}</span> : <Text value={null} />;
    case "status":
      return <DeviceStatusBadge status={d.status} />;
    case "created_at":
    case "updated_at":
      return <UtcTime at={d[columnId]} className="text-xs" />;
    case "registered_by_partner":
      return <Text value={d.registered_by_partner} />;
    default:
      return <Text value={isEditable(columnId) ? textOf(d, columnId) : ""} />;
  }
}

/** A text value, or a dash that a screen reader reads as "empty". */
function Text({ value }: { value: string | null | undefined }) {
  return value ? (
    <>{value}</>
  ) : (
    <span className="text-slate-600">
      <span aria-hidden="true">—</span>
      <span className="sr-only">empty</span>
    </span>
  );
}
