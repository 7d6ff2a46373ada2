"use client";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The report's charts (Recharts). Each is a picture of the table printed beside it: the chart is
// one labelled image for assistive technology (its keyboard layer is off), the table is the
// accessible form of the same numbers.

export type Series = { key: string; label: string; color: string };
type Datum = Record<string, string | number | null>;

const TICK = { fill: "#334155", fontSize: 12 };
/** Room a tick label at 12 px takes: about 7 px a character, and a gap to the next label. */
const labelWidth = (text: string) => text.length * 7 + 8;
/** The category axis of a chart drawn sideways, and the height a row of bars takes there. */
const ROW_AXIS = 120;
const ROW_HEIGHT = 36;

/**
 * Whether a column chart `width` wide names every one of its columns: Recharts drops the labels that
 * would overlap (on a phone the outcomes chart named only every other bar).
 */
function labelsFit(data: Datum[], xKey: string, width: number, yAxis: number) {
  const band = (width - yAxis - 12) / Math.max(1, data.length);
  return data.every((d) => labelWidth(String(d[xKey] ?? "")) <= band);
}

/**
 * A bar chart. A column chart too narrow to name each column (a phone) is drawn sideways instead, one
 * labelled row a bar, unless `sparseLabels` (hours 0–23 read fine with every other one named).
 */
export function ReportBarChart({
  label,
  data,
  xKey,
  series,
  stacked = false,
  layout = "horizontal",
  height = 240,
  unit,
  sparseLabels = false,
}: {
  label: string;
  data: Datum[];
  xKey: string;
  series: Series[];
  stacked?: boolean;
  layout?: "horizontal" | "vertical";
  height?: number;
  unit?: string;
  sparseLabels?: boolean;
}) {
  const [width, setWidth] = useState<number | null>(null);
  const yAxis = unit ? 56 : 32;
  const sideways = !sparseLabels && layout === "horizontal" && width !== null && !labelsFit(data, xKey, width, yAxis);
  const vertical = layout === "vertical" || sideways;
  const drawnHeight = sideways ? Math.max(160, ROW_HEIGHT * data.length + 60) : height;
  return (
    <div role="img" aria-label={label} className="w-full min-w-0" data-testid="report-chart">
      <ResponsiveContainer width="100%" height={drawnHeight} onResize={(w) => setWidth(w)}>
        <BarChart
          data={data}
          layout={vertical ? "vertical" : "horizontal"}
          accessibilityLayer={false}
          margin={{ top: 8, right: 12, bottom: 4, left: vertical ? 8 : 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {vertical ? (
            <>
              <XAxis type="number" allowDecimals={!!unit} unit={unit} tick={TICK} />
              <YAxis type="category" dataKey={xKey} width={ROW_AXIS} tick={TICK} />
            </>
          ) : (
            <>
              <XAxis dataKey={xKey} tick={TICK} />
              <YAxis allowDecimals={!!unit} unit={unit} width={yAxis} tick={TICK} />
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
