import type { ReactNode } from "react";
import { cn } from "./cn";

export type Column<Row> = {
  /** Stable key for React. */
  key: string;
  header: ReactNode;
  /** What the cell shows for a row. */
  cell: (row: Row) => ReactNode;
  /** Classes for both th and td (alignment, width, hide on small screens: "hidden md:table-cell"). */
  className?: string;
};

export type DataTableProps<Row> = {
  columns: Column<Row>[];
  rows: Row[];
  /** Key of each row (an id). */
  rowKey: (row: Row) => string | number;
  /** Shown instead of the table body when rows is empty (e.g. an <EmptyState>). */
  empty?: ReactNode;
  /** Visually hidden caption describing the table for screen readers. */
  caption?: string;
  className?: string;
};

/**
 * A plain, accessible table for server-rendered lists. For sorting, paging and selection in the
 * browser use @tanstack/react-table and reuse these classes.
 */
export function DataTable<Row>({ columns, rows, rowKey, empty, caption, className }: DataTableProps<Row>) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <div className={cn("overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm", className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cn("px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600", c.className)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50">
              {columns.map((c) => (
                <td key={c.key} className={cn("px-4 py-2.5 text-slate-800", c.className)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
