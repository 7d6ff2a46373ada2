import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { flexRender, type Header, type SortDirection, type Table } from "@tanstack/react-table";
import { cn } from "./cn";
import type { Column, TableSort } from "./data-table";
import { labelOf } from "./data-table-model";

type HeadProps<Row> = {
  table: Table<Row>;
  byKey: Map<string, Column<Row>>;
  sort?: TableSort;
  /** Rows are cards below 768 px: the head is then a row of sort buttons, or read by screen readers only. */
  cards: boolean;
  anySortable: boolean;
};

/** The table's head: a header per visible column, sortable ones as links with aria-sort. */
export function DataTableHead<Row>({ table, byKey, sort, cards, anySortable }: HeadProps<Row>) {
  return (
    <thead
      className={cn(
        "bg-slate-50",
        cards && (anySortable ? "max-md:mb-3 max-md:block max-md:bg-transparent" : "max-md:sr-only"),
      )}
    >
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} className={cn(cards && "max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-2")}>
          {cards && anySortable ? <td className="text-xs font-medium text-slate-600 md:hidden">Sort by</td> : null}
          {group.headers.map((header) => (
            <HeaderCell key={header.id} header={header} col={byKey.get(header.column.id)!} sort={sort} cards={cards} />
          ))}
        </tr>
      ))}
    </thead>
  );
}

type CellProps<Row> = { header: Header<Row, unknown>; col: Column<Row>; cards: boolean };

function HeaderCell<Row>({ header, col, sort, cards }: CellProps<Row> & { sort?: TableSort }) {
  const sorted = header.column.getIsSorted();
  const canSort = !!sort && col.sortable;
  return (
    <th
      scope="col"
      aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
      className={cn(
        "px-4 py-2.5 text-left text-xs font-semibold text-slate-600",
        cards && (canSort ? "max-md:block max-md:p-0" : "max-md:hidden"),
        col.className,
      )}
    >
      {canSort && sort ? (
        <SortLink header={header} col={col} sort={sort} sorted={sorted} cards={cards} />
      ) : (
        flexRender(header.column.columnDef.header, header.getContext())
      )}
    </th>
  );
}

/** The header as a link to the list sorted by its column: the other way round when it is the sort already. */
type SortLinkProps<Row> = CellProps<Row> & { sort: TableSort; sorted: false | SortDirection };

function SortLink<Row>({ header, col, sort, sorted, cards }: SortLinkProps<Row>) {
  const Icon = !sorted ? ArrowUpDown : sorted === "asc" ? ArrowUp : ArrowDown;
  return (
    <Link
      href={sort.href(col.key, sorted === "asc" ? "desc" : "asc")}
      className={cn(
        "inline-flex min-h-6 items-center gap-1 rounded hover:text-slate-900",
        sorted && "text-slate-900",
        cards &&
          "max-md:min-h-8 max-md:bg-white max-md:px-2.5 max-md:ring-1 max-md:ring-inset " + "max-md:ring-slate-300",
      )}
      title={`Sort by ${labelOf(col)}`}
    >
      {flexRender(header.column.columnDef.header, header.getContext())}
      <Icon className={cn("h-3.5 w-3.5", !sorted && "opacity-40")} aria-hidden="true" />
    </Link>
  );
}
