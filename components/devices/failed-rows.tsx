"use client";
// The job page's failed rows that were not retried yet: edit, select, send again as a new job.
import { RotateCcw } from "lucide-react";
import { Alert, Button, Card, DataTable, cellControl, cn, type Column } from "@/components/ui";
import { DEVICE_FIELDS, DEVICE_TYPES, FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import { ChoicePicker } from "@/components/import/choice-picker";
import type { JobItemView, JobProgress } from "@/lib/bulk/jobs";
import { SITE_FIELD_LABELS, SITE_FIELDS } from "@/lib/import/site-fields";
import { type Entity } from "./job-entity";
import { sheetValues, useFailedRows, type FailedRowsState } from "./use-failed-rows";

const EDITABLE: readonly DeviceField[] = DEVICE_FIELDS;

/** What a failed row can be fixed in: a site's filled sheet columns, a device's fields, nothing for a delete. */
function editableFields(entity: Entity, kind: JobProgress["kind"], failed: JobItemView[]): readonly string[] {
  if (entity === "sites") return SITE_FIELDS.filter((f) => failed.some((i) => (sheetValues(i)[f] ?? "") !== ""));
  return kind === "delete" ? [] : EDITABLE;
}

/** How the failed rows' columns read: shared by their cells. */
type Layout = {
  rowLabel: string;
  labels: Record<string, string>;
  sites: boolean;
  canEdit: boolean;
};

export function FailedRows({
  siteId,
  entity,
  job,
  items,
  canEdit,
}: {
  siteId: number;
  entity: Entity;
  job: JobProgress;
  items: JobItemView[];
  canEdit: boolean;
}) {
  const rows = useFailedRows({ siteId, entity, job, items });
  const { failed } = rows;
  if (failed.length === 0) return null;

  const layout: Layout = {
    rowLabel: failed.some((f) => f.fromSheet) ? "Sheet line" : "Row",
    labels: entity === "sites" ? SITE_FIELD_LABELS : FIELD_LABELS,
    sites: entity === "sites",
    canEdit,
  };
  return (
    <Card
      title={`Failed rows (${failed.length})`}
      description={canEdit ? "Fix a row in place, tick it, and send only those rows again." : undefined}
      flush
      actions={canEdit ? <RetryControls rows={rows} /> : null}
    >
      <DataTable<JobItemView>
        caption="Failed rows"
        rows={failed}
        rowAttrs={(i) => ({ "data-testid": `failed-row-${i.row}` })}
        flush
        columns={failedRowColumns(rows, layout, editableFields(entity, job.kind, failed))}
      />
      {rows.failure ? (
        <div className="px-5 py-3">
          <Alert tone="danger">{rows.failure.message}</Alert>
        </div>
      ) : null}
    </Card>
  );
}

function RetryControls({ rows }: { rows: FailedRowsState }) {
  return (
    <>
      {/* Outside the table, so a phone (where the rows are cards and the header is gone) has it too. */}
      <label className="inline-flex min-h-6 cursor-pointer items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="h-5 w-5 max-md:h-6 max-md:w-6"
          checked={rows.allSelected}
          onChange={(e) => rows.selectAll(e.target.checked)}
        />
        Select all
      </label>
      <Button
        icon={<RotateCcw className="h-4 w-4" />}
        onClick={rows.retry}
        disabled={rows.chosen.length === 0 || rows.chosenInvalid}
        pending={rows.pending}
      >
        Retry {rows.chosen.length || ""} selected
      </Button>
    </>
  );
}

function failedRowColumns(rows: FailedRowsState, layout: Layout, fields: readonly string[]): Column<JobItemView>[] {
  return [
    {
      key: "row",
      header: layout.rowLabel,
      card: "title",
      className: "whitespace-nowrap tabular-nums text-slate-500",
      cell: (item) => <RowPick item={item} rows={rows} layout={layout} />,
    },
    {
      key: "error",
      header: "Error",
      className: "text-red-700 md:min-w-[14rem] md:max-w-sm",
      cell: (item) => (
        <>
          {item.statusCode ? <span className="font-mono">{item.statusCode} </span> : null}
          {item.errorMessage}
        </>
      ),
    },
    ...fields.map((f) => ({
      key: f,
      header: layout.labels[f],
      className: "md:px-1 md:py-1",
      cell: (item: JobItemView) => <FieldEditor item={item} field={f} rows={rows} layout={layout} />,
    })),
  ];
}

/** A failed row's tick box, with its number beside it. */
function RowPick({ item, rows, layout }: { item: JobItemView; rows: FailedRowsState; layout: Layout }) {
  return (
    <label className="inline-flex min-h-6 items-center gap-2">
      <input
        type="checkbox"
        className="h-5 w-5 max-md:h-6 max-md:w-6"
        aria-label={`Select failed ${layout.rowLabel.toLowerCase()} ${item.row}`}
        checked={rows.isSelected(item.id)}
        disabled={!layout.canEdit}
        onChange={(e) => rows.select(item.id, e.target.checked)}
      />
      <span>
        <span className="md:sr-only">{layout.rowLabel} </span>
        {item.row}
      </span>
    </label>
  );
}

/** One field of a failed row, edited in place: a picker for the device type, else a text box. */
function FieldEditor({
  item,
  field,
  rows,
  layout,
}: {
  item: JobItemView;
  field: string;
  rows: FailedRowsState;
  layout: Layout;
}) {
  const error = rows.errorsOf(item)[field];
  const value = rows.valuesOf(item)[field] ?? "";
  const label = `Failed ${layout.rowLabel.toLowerCase()} ${item.row} ${layout.labels[field]}`;
  const errorId = `failed-${item.id}-${field}-error`;
  const edit = (v: string) => rows.edit(item.id, field, v);
  return (
    <>
      {!layout.sites && field === "device_type" ? (
        <ChoicePicker
          choices={DEVICE_TYPES}
          label={label}
          value={value}
          error={error}
          describedBy={error ? errorId : undefined}
          disabled={!layout.canEdit}
          framed
          className="md:w-36"
          onChange={edit}
        />
      ) : (
        <input
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          disabled={!layout.canEdit}
          value={value}
          onChange={(e) => edit(e.target.value)}
          className={cn("w-36 max-md:w-full", cellControl({ error: !!error }))}
        />
      )}
      {/* The field's problem as text under it, wrapping on a phone: a tooltip shows only to a mouse. */}
      {error ? (
        <p id={errorId} className="mt-1 text-xs text-red-700 md:w-36 [overflow-wrap:anywhere]">
          {error}
        </p>
      ) : null}
    </>
  );
}
