"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The report's charts (Recharts). Each is a picture of the table printed beside it: the chart is
// one labelled image for assistive technology (its keyboard layer is off), the table is the
// accessible form of the same numbers.

export type Series = { key: string; label: string; color: string };
type Datum = Record<string, string | number | null>;

export function ReportBarChart({
  label,
  data,
  xKey,
  series,
  stacked = false,
  layout = "horizontal",
  height = 240,
  unit,
}: {
  label: string;
  data: Datum[];
  xKey: string;
  series: Series[];
  stacked?: boolean;
  layout?: "horizontal" | "vertical";
  height?: number;
  unit?: string;
}) {
  const vertical = layout === "vertical";
  return (
    <div role="img" aria-label={label} className="w-full min-w-0" data-testid="report-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={data}
          layout={layout}
          accessibilityLayer={false}
          margin={{ top: 8, right: 12, bottom: 4, left: vertical ? 8 : 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {vertical ? (
            <>
              <XAxis type="number" allowDecimals={!!unit} unit={unit} tick={{ fill: "#334155", fontSize: 12 }} />
              <YAxis type="category" dataKey={xKey} width={120} tick={{ fill: "#334155", fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis dataKey={xKey} tick={{ fill: "#334155", fontSize: 12 }} />
              <YAxis
                allowDecimals={!!unit}
                unit={unit}
                width={unit ? 56 : 32}
                tick={{ fill: "#334155", fontSize: 12 }}
              />
            </>
          )}
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12, color: "#334155" }} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={stacked ? "a" : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
