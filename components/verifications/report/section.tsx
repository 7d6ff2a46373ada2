import type { ComponentProps } from "react";
import { Card, DataTable, type DataTableBaseProps, type RowKey } from "@/components/ui";
import { ReportBarChart } from "./charts";

type SectionTable<Row> = Omit<DataTableBaseProps<Row>, "caption" | "empty"> & {
  rowKey: RowKey<Row>;
  /** What stands instead of an empty table. */
  empty?: string;
};

/** Whether a chart has a bar to draw: a chart of zeros and blanks is an empty frame, not a picture. */
function hasBars({ data, series }: Pick<ComponentProps<typeof ReportBarChart>, "data" | "series">) {
  return data.some((d) => series.some((s) => Number(d[s.key] ?? 0) > 0));
}

/**
 * One part of the report: its chart and, beside it (below on a phone), the same numbers as a table
 * captioned with the section's title. Without rows it says so in one line; a chart with no bar to draw
 * (nothing reached a step yet) is left out and the table says it.
 */
export function ReportSection<Row>({
  title,
  description,
  chart,
  table,
  testId,
}: {
  title: string;
  description?: string;
  chart: ComponentProps<typeof ReportBarChart>;
  table: SectionTable<Row>;
  testId: string;
}) {
  const { empty, ...tableProps } = table;
  if (!tableProps.rows.length)
    return (
      <Card title={title} description={description} className="mb-4" data-testid={testId}>
        <p className="text-sm text-slate-600">{empty ?? "Nothing in this range."}</p>
      </Card>
    );
  const drawn = hasBars(chart);
  return (
    <Card title={title} description={description} className="mb-4" data-testid={testId}>
      <div className={drawn ? "grid gap-4 lg:grid-cols-2" : undefined}>
        {drawn ? (
          <div className="min-w-0">
            <ReportBarChart {...chart} />
          </div>
        ) : null}
        {/* DataTable is its own named, focusable scroll box; min-w-0 lets it shrink in the grid. */}
        <div className="min-w-0">
          <DataTable caption={title} {...tableProps} />
        </div>
      </div>
    </Card>
  );
}

/**
 * A chart's data drawn as one bar (or stack) a row, sideways: `per` pixels a row, never under 160
 * in all, so a long list grows the chart instead of squeezing its bars.
 */
export const rowBars = <D,>(data: D[], per: number) =>
  ({ data, layout: "vertical", height: Math.max(160, per * data.length + 60) }) as const;
