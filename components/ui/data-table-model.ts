import { createTable, getCoreRowModel, type ColumnDef, type Table } from "@tanstack/react-table";
import type { Column, RowKey, TableSort } from "./data-table";

/** A column's plain-text name: its label, else its header when that is a string. */
export const labelOf = <Row>(c: Column<Row>) => c.label ?? (typeof c.header === "string" ? c.header : "");

type ModelInput<Row> = {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: RowKey<Row>;
  sort?: TableSort;
  hidden: readonly string[];
};

/** TanStack Table's core over what the page shows: the column model, which columns are visible, the sort. */
export function tableModel<Row>({ columns, rows, rowKey, sort, hidden }: ModelInput<Row>): Table<Row> {
  const defs: ColumnDef<Row>[] = columns.map((c) => ({
    id: c.key,
    header: () => c.header,
  }));
  const table = createTable<Row>({
    data: rows,
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(rowKey(row)),
    // Paging and sorting happen on the server; TanStack only models what is shown.
    manualSorting: true,
    manualPagination: true,
    state: {
      columnVisibility: Object.fromEntries(hidden.map((k) => [k, false])),
      sorting: sort ? [{ id: sort.column, desc: sort.dir === "desc" }] : [],
    },
    onStateChange: () => {},
    renderFallbackValue: null,
  });
  table.setOptions((prev) => ({ ...prev, state: { ...table.initialState, ...prev.state } }));
  return table;
}

/** The caption for screen readers, with the sort order added when the table is sorted by a known column. */
export function captionWithSort<Row>(
  caption: string | undefined,
  sort: TableSort | undefined,
  byKey: Map<string, Column<Row>>,
): string | undefined {
  const sortedBy = sort ? byKey.get(sort.column) : undefined;
  return caption && sortedBy
    ? `${caption}, sorted by ${labelOf(sortedBy)} ${sort?.dir === "asc" ? "ascending" : "descending"}`
    : caption;
}
