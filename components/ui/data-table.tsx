import type { ReactNode } from "react";
import { cn } from "./cn";
import { DataTableBody } from "./data-table-body";
import { DataTableHead } from "./data-table-head";
import { captionWithSort, tableModel } from "./data-table-model";

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
  /**
   * The cell that names its row (th scope="row"), for a matrix whose rows are read across: a screen reader
   * says it before each of the row's cells. On a phone card it is the title.
   */
  rowHeader?: boolean;
};

/** A column that prints one field of the row as it is (a count, a name); `className` as a column's. */
export function fieldColumn<Row extends Record<F, ReactNode>, F extends string>(
  field: F,
  header: string,
  className?: string,
): Column<Row> {
  return { key: field, header, className, cell: (r) => r[field] };
}

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

/** What keys a row (React's key, TanStack's row id). */
export type RowKey<Row> = (row: Row) => string | number;

/**
 * A row with an `id` is keyed by it unless the table names another key (as MUI's DataGrid keys by `id`): only
 * a row keyed by some other field (a site's site_id) passes `rowKey`, and a row with neither does not compile.
 */
type RowKeyProp<Row> =
  { rowKey: RowKey<Row> } | (Row extends { id: string | number | bigint } ? { rowKey?: undefined } : never);

/** A row's `id` as its key; a bigint id (the audit's) as its digits. */
function idKey(row: unknown): string | number {
  const id = typeof row === "object" && row !== null && "id" in row ? row.id : undefined;
  if (typeof id === "string" || typeof id === "number") return id;
  if (typeof id === "bigint") return id.toString();
  throw new Error("DataTable: a row without an id needs the table's rowKey");
}

/** The table's `rowKey`, or the row's id when it names none. */
export const keyOfRow = <Row,>(rowKey: RowKey<Row> | undefined): RowKey<Row> => rowKey ?? idKey;

export type DataTableProps<Row> = DataTableBaseProps<Row> & RowKeyProp<Row>;

/** Every prop of the table but `rowKey`. */
export type DataTableBaseProps<Row> = {
  columns: Column<Row>[];
  rows: Row[];
  /** Shown instead of the table when rows is empty (e.g. an <EmptyState>). */
  empty?: ReactNode;
  /** Caption describing the table for screen readers (the sort order is added when sorted). */
  caption?: string;
  className?: string;
  /**
   * Edge to edge inside a Card that draws the frame: no border, corners or shadow of its own. Its phone
   * cards keep the Card's padding from its edge.
   */
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

/**
 * THE table of every list page: TanStack Table's core (column model, visibility, sorting state)
 * rendered on the server, sortable headers as links with aria-sort, an empty state, row actions in
 * an "actions" column. Below 768 px the same rows are cards (one DOM, restyled: nothing is
 * rendered twice, so a row's actions exist once), touch targets at least 24 px, no sideways scroll.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { columns, rows, empty, caption, className, flush, sort, hidden = [], testId, phone = "cards" } = props;
  const rowKey = keyOfRow(props.rowKey);
  if (rows.length === 0 && empty) return <>{empty}</>;
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const table = tableModel({ columns, rows, rowKey, sort, hidden });
  const shown = table.getVisibleLeafColumns().map((c) => byKey.get(c.id)!);
  const cards = phone === "cards";
  const fullCaption = captionWithSort(caption, sort, byKey);
  const anySortable = !!sort && columns.some((c) => c.sortable);

  return (
    <div
      // relative: an sr-only header (absolutely placed) past the box's right edge is held in its scroll, not
      // left to widen the page.
      className={cn(
        "relative bg-white",
        !flush && "rounded-lg border border-slate-200 shadow-sm",
        flush && cards && "max-md:p-4",
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
        <DataTableHead table={table} byKey={byKey} sort={sort} cards={cards} anySortable={anySortable} />
        <DataTableBody {...props} rowKey={rowKey} shown={shown} cards={cards} />
      </table>
    </div>
  );
}
