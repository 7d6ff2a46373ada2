"use client";
// Above the device grid: the text and type filters, how many rows show, the last edit's job, and
// what the selection can do. Counts are of selected rows the filter shows (device-grid.tsx).
import Link from "next/link";
import { Trash2 } from "lucide-react";
import { Button, textLinkClass, toolbarControl, cn } from "@/components/ui";
import type { DeviceFilters } from "./use-device-filters";
import type { VisibleSelection } from "./use-visible-selection";

type Props = {
  siteId: number;
  filters: Pick<DeviceFilters, "text" | "setText" | "type" | "setType">;
  shown: number;
  total: number;
  lastJob: string | null;
  /** The selection of rows the filter shows; null when the user cannot edit. */
  picked: Pick<VisibleSelection<unknown>, "selected" | "allSelected" | "toggleAll"> | null;
  onDelete: () => void;
};

export function DeviceGridToolbar(p: Props) {
  const { filters, picked } = p;
  const count = picked?.selected.length ?? 0;
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
      <input
        type="search"
        aria-label="Filter devices"
        placeholder="Filter by ID, name, MAC, model…"
        value={filters.text}
        onChange={(e) => filters.setText(e.target.value)}
        className={cn("w-full sm:w-64", toolbarControl())}
      />
      <select
        aria-label="Filter by type"
        value={filters.type}
        onChange={(e) => filters.setType(e.target.value)}
        className={toolbarControl({ select: true })}
      >
        <option value="">All types</option>
        <option value="camera">Cameras</option>
        <option value="bridge">Bridges</option>
      </select>
      <span className="text-sm text-slate-600" aria-live="polite" data-testid="grid-count">
        {p.shown} of {p.total}
      </span>
      {p.lastJob ? (
        <Link
          href={`/sites/${p.siteId}/devices/jobs/${p.lastJob}`}
          className={cn("inline-flex min-h-6 items-center text-sm", textLinkClass)}
        >
          View the last update job
        </Link>
      ) : null}
      {/* On a phone the header row (and its select-all box) is not shown: this one stands in. */}
      {picked && p.shown > 0 ? (
        <label className="flex min-h-6 items-center gap-2 text-sm text-slate-700 md:hidden">
          <input type="checkbox" className="h-6 w-6" checked={picked.allSelected} onChange={picked.toggleAll} /> Select
          all shown
        </label>
      ) : null}
      {count ? (
        <div className="ml-auto flex items-center gap-2">
          <span className="text-sm text-slate-700" data-testid="selected-count">
            {count} selected
          </span>
          <Button variant="danger" size="sm" icon={<Trash2 className="h-4 w-4" />} onClick={p.onDelete}>
            Delete {count}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
