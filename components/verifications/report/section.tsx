import type { ReactNode } from "react";
import { Card } from "@/components/ui";

/** One part of the report: its chart and, beside it (below on a phone), the same numbers as a table. */
export function ReportSection({
  title,
  description,
  chart,
  table,
  testId,
}: {
  title: string;
  description?: string;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
}) {
  return (
    <Card title={title} description={description} className="mb-4" data-testid={testId}>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0">{chart}</div>
        {/* A table wider than a phone scrolls here; keyboard users reach the scroll through the focus stop. */}
        <div className="min-w-0 overflow-x-auto" tabIndex={0} role="region" aria-label={`${title}: table`}>
          {table}
        </div>
      </div>
    </Card>
  );
}
