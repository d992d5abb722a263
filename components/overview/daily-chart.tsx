"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  key: string;
  label: string;
  /** A CSS colour, a token of globals.css, so that the chart follows the theme. */
  color: string;
}

/**
 * Bars per day, one per series. Decorative for assistive technology: the figures are in the table beside it.
 * Loaded on its own (components/overview/daily-chart-loader.tsx), so that no other page carries Recharts.
 */
export default function DailyChart({ rows, series }: { rows: Record<string, string | number>[]; series: ChartSeries[] }) {
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barGap={1}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "var(--border)" }} tick={{ fill: "var(--muted-foreground)", fontSize: 12 }} minTickGap={16} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fill: "var(--muted-foreground)", fontSize: 12 }} width={48} />
          <Tooltip
            cursor={{ fill: "var(--surface-hover)" }}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--foreground)", fontSize: 13 }}
            labelStyle={{ color: "var(--foreground)", fontWeight: 600 }}
          />
          {series.map((one) => (
            <Bar key={one.key} dataKey={one.key} name={one.label} fill={one.color} radius={[3, 3, 0, 0]} maxBarSize={18} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
