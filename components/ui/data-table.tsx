import Link from "next/link";
import type { ReactNode } from "react";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { createTable, flexRender, getCoreRowModel, type ColumnDef } from "@tanstack/react-table";
import { cn } from "./cn";

export type Column<Row> = {
  /** Stable key for React; also the sort key and the column-visibility key. */
  key: string;
  header: ReactNode;
  /** Plain-text name, for a phone card's field labels and the sort link's title (default: header if a string). */
  label?: string;
  /** What the cell shows for a row. */
  cell: (row: Row) => ReactNode;
  /** Classes for both th and td (alignment, width, "whitespace-nowrap"). */
  className?: string;
  /** Sorted on the server: the header becomes a link (needs the table's `sort`). */
  sortable?: boolean;
  /**
   * Its place on a phone card: "title" (first line, no label), "actions" (last line, no label,
   * buttons wrap), "hidden" (left off the card), or a labelled field (the default).
   */
  card?: "title" | "actions" | "hidden";
};

export type TableSort = {
  column: string;
  dir: "asc" | "desc";
  /** The URL that shows the list sorted by `column` in `dir` (the list's URL state, lib/list-state). */
  href: (column: string, dir: "asc" | "desc") => string;
};

type SortDir = TableSort["dir"];

/** What a sort link needs of a list's URL state (lib/list-state's defineListState). */
type SortableList<S extends { sort: string; dir: SortDir }> = {
  parse: (params: Record<string, unknown>) => S;
  href: (state: S, changes: { sort: S["sort"]; dir: SortDir }) => string;
};

/**
 * The `sort` of a list page whose URL state holds `sort` and `dir`: each header links to the list's
 * page sorted by its column, back at page 1. A column the list cannot sort by reads as the list's default sort,
 * as it would from the URL, because the list's own parser reads it.
 */
export function listSort<S extends { sort: string; dir: SortDir }>(list: SortableList<S>, state: S): TableSort {
  return {
    column: state.sort,
    dir: state.dir,
    href: (column, dir) => list.href(state, { sort: list.parse({ sort: column }).sort, dir }),
  };
}

export type DataTableProps<Row> = {
  columns: Column<Row>[];
  rows: Row[];
  /** Key of each row (an id). */
  rowKey: (row: Row) => string | number;
  /** Shown instead of the table when rows is empty (e.g. an <EmptyState>). */
  empty?: ReactNode;
  /** Caption describing the table for screen readers (the sort order is added when sorted). */
  caption?: string;
  className?: string;
  /** Edge to edge inside a Card that draws the frame: no border, corners or shadow of its own. */
  flush?: boolean;
  sort?: TableSort;
  /** Keys of the columns to leave out (the list's column chooser). */
  hidden?: readonly string[];
  /** data-* attributes for a row (tests and styling hooks), e.g. { "data-testid": "site-row" }. */
  rowAttrs?: (row: Row) => Record<`data-${string}`, string | number | undefined>;
  /** Classes of a row that looks different from the rest (a row CHeKT deleted); a phone card keeps its own. */
  rowClassName?: (row: Row) => string | undefined;
  /** data-testid of the table element. */
  testId?: string;
  /** "cards" (default): a card per row below 768 px; "table": always a table (scrolls sideways). */
  phone?: "cards" | "table";
};

const labelOf = <Row,>(c: Column<Row>) => c.label ?? (typeof c.header === "string" ? c.header : "");

/**
 * THE table of every list page: TanStack Table's core (column model, visibility, sorting state)
 * rendered on the server, sortable headers as links with aria-sort, an empty state, row actions in
 * an "actions" column. Below 768 px the same rows are cards (one DOM, restyled: nothing is
 * rendered twice, so a row's actions exist once), touch targets at least 24 px, no sideways scroll.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const {
    columns,
    rows,
    rowKey,
    empty,
    caption,
    className,
    flush,
    sort,
    hidden = [],
    rowAttrs,
    rowClassName,
    testId,
    phone = "cards",
  } = props;
  if (rows.length === 0 && empty) return <>{empty}</>;
  const byKey = new Map(columns.map((c) => [c.key, c]));
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
  // The body is drawn straight from the visible columns: TanStack's row model builds a row object and a
  // cell object per column (hidden ones too) with a dozen closures each, the largest share of a 50-row
  // table's render in a CPU profile (docs/operations.md, "Eighth round: pages"), for what is a plain map here.
  const shown = table.getVisibleLeafColumns().map((c) => byKey.get(c.id)!);
  const cards = phone === "cards";
  const sortedBy = sort ? byKey.get(sort.column) : undefined;
  const fullCaption =
    caption && sortedBy
      ? `${caption}, sorted by ${labelOf(sortedBy)} ${sort?.dir === "asc" ? "ascending" : "descending"}`
      : caption;
  const anySortable = !!sort && columns.some((c) => c.sortable);

  return (
    <div
      className={cn(
        "bg-white",
        !flush && "rounded-lg border border-slate-200 shadow-sm",
        cards ? "max-md:border-0 max-md:bg-transparent max-md:shadow-none md:overflow-x-auto" : "overflow-x-auto",
        className,
      )}
      // A wide table scrolls inside its box; keyboard users must be able to reach that scroll.
      tabIndex={0}
      role="region"
      aria-label={caption ?? "Table"}
    >
      <table
        className={cn(
          "data-table min-w-full text-sm",
          cards ? "data-table-cards max-md:block md:divide-y md:divide-slate-200" : "divide-y divide-slate-200",
        )}
        data-testid={testId}
      >
        {fullCaption ? <caption className="sr-only">{fullCaption}</caption> : null}
        <thead
          className={cn(
            "bg-slate-50",
            cards && (anySortable ? "max-md:mb-3 max-md:block max-md:bg-transparent" : "max-md:sr-only"),
          )}
        >
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className={cn(cards && "max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-2")}>
              {cards && anySortable ? <td className="text-xs font-medium text-slate-600 md:hidden">Sort by</td> : null}
              {group.headers.map((header) => {
                const col = byKey.get(header.column.id)!;
                const sorted = header.column.getIsSorted();
                const canSort = !!sort && col.sortable;
                const Icon = !sorted ? ArrowUpDown : sorted === "asc" ? ArrowUp : ArrowDown;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined
                    }
                    className={cn(
                      "px-4 py-2.5 text-left text-xs font-semibold text-slate-600",
                      cards && (canSort ? "max-md:block max-md:p-0" : "max-md:hidden"),
                      col.className,
                    )}
                  >
                    {canSort && sort ? (
                      <Link
                        href={sort.href(col.key, sorted === "asc" ? "desc" : "asc")}
                        className={cn(
                          "inline-flex min-h-6 items-center gap-1 rounded hover:text-slate-900",
                          sorted && "text-slate-900",
                          cards &&
                            "max-md:min-h-8 max-md:bg-white max-md:px-2.5 max-md:ring-1 max-md:ring-inset " +
                              "max-md:ring-slate-300",
                        )}
                        title={`Sort by ${labelOf(col)}`}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <Icon className={cn("h-3.5 w-3.5", !sorted && "opacity-40")} aria-hidden="true" />
                      </Link>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody
          className={cn(
            cards ? "max-md:block max-md:space-y-3 md:divide-y md:divide-slate-100" : "divide-y divide-slate-100",
          )}
        >
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)} {...rowAttrs?.(row)}>
              {shown.map((col) => {
                const label = labelOf(col);
                // A cell's styling is the table's (app/globals.css, .data-table): only what differs per column
                // is on the cell, so a 25-row view does not carry the same long class string in every cell.
                // Its text colour stays a class: a column's own colour ("text-slate-600") meets it in the
                // utilities' order, as it always has (slate-800 outranks the lighter slates).
                return (
                  <td
                    key={col.key}
                    data-label={label || undefined}
                    data-card={cards ? col.card : undefined}
                    className={cn("text-slate-800", col.className)}
                  >
                    {col.cell(row)}
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
