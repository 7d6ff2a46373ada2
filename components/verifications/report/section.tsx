import type { ComponentProps, ReactNode } from "react";
import { Card, DataTable, ScrollRegion, type Column, type DataTableProps } from "@/components/ui";
import { ReportBarChart } from "./charts";

type SectionTable<Row> = Omit<DataTableProps<Row>, "caption" | "empty"> & {
  /** What stands instead of an empty table. */
  empty?: string;
};

/**
 * One part of the report: its chart and, beside it (below on a phone), the same numbers as a table
 * captioned with the section's title.
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
  return (
    <Card title={title} description={description} className="mb-4" data-testid={testId}>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0">
          <ReportBarChart {...chart} />
        </div>
        <ScrollRegion label={`${title}: table`}>
          <DataTable
            caption={title}
            empty={empty ? <p className="p-4 text-sm text-slate-600">{empty}</p> : undefined}
            {...tableProps}
          />
        </ScrollRegion>
      </div>
    </Card>
  );
}

/** A column that prints one field of the row as it is (a count, a name). */
export function fieldColumn<Row>(field: keyof Row & string, header: string): Column<Row> {
  return { key: field, header, cell: (r) => r[field] as ReactNode };
}

/**
 * A chart's data drawn as one bar (or stack) a row, sideways: `per` pixels a row, never under 160
 * in all, so a long list grows the chart instead of squeezing its bars.
 */
export const rowBars = <D,>(data: D[], per: number) =>
  ({ data, layout: "vertical", height: Math.max(160, per * data.length + 60) }) as const;
