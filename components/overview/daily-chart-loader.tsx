"use client";

import dynamic from "next/dynamic";

/** The chart's code (uPlot) loads in the browser only, after the page's figures are already shown. */
export const DailyChart = dynamic(() => import("./daily-chart"), {
  ssr: false,
  loading: () => <div aria-hidden="true" className="h-64 w-full animate-pulse rounded-md bg-surface-hover" />,
});
