import { cn } from "./cn";
import type { Column, DataTableBaseProps, RowKey } from "./data-table";
import { labelOf } from "./data-table-model";

type BodyProps<Row> = Pick<DataTableBaseProps<Row>, "rows" | "rowAttrs" | "rowClassName"> & {
  rowKey: RowKey<Row>;
  /** The visible columns, in order. */
  shown: Column<Row>[];
  /** Each row is a card below 768 px: its cells say where they go on it (data-card). */
  cards: boolean;
};

/**
 * The table's rows, drawn straight from the visible columns: TanStack's row model builds a row object and a
 * cell object per column (hidden ones too) with a dozen closures each, the largest share of a 50-row
 * table's render in a CPU profile (docs/operations.md, "Eighth round: pages"), for what is a plain map here.
 */
export function DataTableBody<Row>({ rows, rowKey, rowAttrs, rowClassName, shown, cards }: BodyProps<Row>) {
  return (
    <tbody
      className={cn(
        cards ? "max-md:block max-md:space-y-3 md:divide-y md:divide-slate-100" : "divide-y divide-slate-100",
      )}
    >
      {rows.map((row) => (
        <tr key={rowKey(row)} className={rowClassName?.(row)} {...rowAttrs?.(row)}>
          {shown.map((col) => {
            const label = labelOf(col);
            const Cell = col.rowHeader ? "th" : "td";
            // A cell's styling is the table's (app/globals.css, .data-table): only what differs per column
            // is on the cell, so a 25-row view does not carry the same long class string in every cell.
            // Its text colour stays a class: a column's own colour ("text-slate-600") meets it in the
            // utilities' order, as it always has (slate-800 outranks the lighter slates).
            return (
              <Cell
                key={col.key}
                scope={col.rowHeader ? "row" : undefined}
                data-label={label || undefined}
                data-card={cards ? col.card : undefined}
                className={cn("text-slate-800", col.rowHeader && rowHeaderClass(cards), col.className)}
              >
                {col.cell(row)}
              </Cell>
            );
          })}
        </tr>
      ))}
    </tbody>
  );
}

/**
 * A row header's look: the table's cell rules (app/globals.css, .data-table) are a td's, so a th in the body
 * carries a cell's padding itself, and on a phone card a title's place and size.
 */
const rowHeaderClass = (cards: boolean) =>
  cn(
    "px-4 py-2.5 text-left font-medium",
    cards && "max-md:-order-1 max-md:px-0 max-md:pb-2 max-md:pt-0 max-md:text-base",
  );
