"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  key: string;
  label: string;
  /** A colour token of globals.css, `var(--name)`, so that the chart follows the theme. */
  color: string;
}

const HEIGHT = 256;
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];
const DAY_STEPS = [1, 2, 3, 5, 7, 10, 14, 30, 60, 90];

/** The colour a CSS value stands for as the page shows it now (a canvas cannot read `light-dark()` or variables). */
function resolveColor(probe: HTMLElement, value: string): string {
  probe.style.color = value;
  return getComputedStyle(probe).color;
}

/**
 * Bars per day, one per series, drawn with uPlot on a canvas. Decorative for assistive technology: the
 * figures are in the table beside it. Loaded on its own (daily-chart-loader.tsx), so no other page carries it.
 */
export default function DailyChart({ rows, series }: { rows: ({ label: string } & Record<string, string | number>)[]; series: ChartSeries[] }) {
  const box = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const element = box.current;
    const colorProbe = probe.current;
    if (!element || !colorProbe) return;
    const labels = rows.map((row) => row.label);
    const data: uPlot.AlignedData = [rows.map((_, index) => index), ...series.map((one) => rows.map((row) => Number(row[one.key] ?? 0)))];
    let chart: uPlot | null = null;

    const draw = () => {
      chart?.destroy();
      const muted = resolveColor(colorProbe, "var(--muted-foreground)");
      const grid = resolveColor(colorProbe, "var(--border)");
      const font = `12px ${getComputedStyle(element).fontFamily}`;
      const width = series.length > 1 ? 0.4 : 0.7;
      chart = new uPlot(
        {
          width: element.clientWidth,
          height: HEIGHT,
          padding: [8, 8, 0, 0],
          legend: { show: false },
          cursor: { show: false },
          scales: {
            x: { time: false, range: [-0.5, rows.length - 0.5] },
            y: { range: (_chart, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
          },
          axes: [
            { stroke: muted, font, grid: { show: false }, ticks: { show: false }, incrs: DAY_STEPS, space: 56, values: (_chart, splits) => splits.map((at) => labels[at] ?? "") },
            { stroke: muted, font, grid: { stroke: grid, width: 1 }, ticks: { show: false }, incrs: COUNT_STEPS, size: 48 },
          ],
          series: [
            {},
            ...series.map((one, index) => {
              const color = resolveColor(colorProbe, one.color);
              return {
                label: one.label,
                fill: color,
                stroke: color,
                width: 0,
                points: { show: false },
                paths: uPlot.paths.bars!({ size: [width, 18], align: series.length === 1 ? 0 : index === 0 ? -1 : 1 }),
              };
            }),
          ],
        },
        data,
        element,
      );
    };

    draw();
    const resized = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height: HEIGHT }));
    resized.observe(element);
    // The theme is the html element's data-theme, or the system's scheme when none is chosen.
    const themed = new MutationObserver(draw);
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const scheme = window.matchMedia("(prefers-color-scheme: dark)");
    scheme.addEventListener("change", draw);
    return () => {
      resized.disconnect();
      themed.disconnect();
      scheme.removeEventListener("change", draw);
      chart?.destroy();
    };
  }, [rows, series]);

  return (
    <div aria-hidden="true" className="w-full" data-testid="daily-chart">
      <span ref={probe} className="hidden" />
      <div ref={box} className="w-full" style={{ height: HEIGHT }} />
    </div>
  );
}
