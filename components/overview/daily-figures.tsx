import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatCount } from "@/lib/dashboard/ui/format";
import type { ChartSeries } from "./daily-chart";
import { DailyChart } from "./daily-chart-loader";

/** One figure per day as a chart, and the same figures as a table (the accessible view), one tab each. */
export function DailyFigures({
  id,
  title,
  description,
  rows,
  series,
}: {
  id: string;
  title: string;
  description: string;
  rows: ({ label: string } & Record<string, string | number>)[];
  series: ChartSeries[];
}) {
  const headingId = `${id}-heading`;
  const totals = series.map((one) => rows.reduce((sum, row) => sum + Number(row[one.key] ?? 0), 0));
  return (
    <Card aria-labelledby={headingId} data-testid={`${id}-figures`}>
      <Tabs defaultValue="chart">
        <CardHeader className="items-end">
          <div className="min-w-0">
            <CardTitle id={headingId}>{title}</CardTitle>
            <p className="text-sm text-muted-foreground">
              {description} In all: {series.map((one, index) => `${formatCount(totals[index]!)} ${one.label.toLowerCase()}`).join(", ")}.
            </p>
          </div>
          <TabsList aria-label={`${title}: view`} className="border-b-0">
            <TabsTrigger value="chart">Chart</TabsTrigger>
            <TabsTrigger value="table">Table</TabsTrigger>
          </TabsList>
        </CardHeader>
        <CardContent>
          <TabsContent value="chart" className="pt-1">
            {series.length > 1 ? (
              <ul aria-hidden="true" className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
                {series.map((one) => (
                  <li key={one.key} className="flex items-center gap-1.5">
                    <span className="inline-block size-2.5 rounded-xs" style={{ background: one.color }} />
                    {one.label}
                  </li>
                ))}
              </ul>
            ) : null}
            <DailyChart rows={rows} series={series} />
          </TabsContent>
          <TabsContent value="table" className="pt-1">
            {/* Focusable, so that a keyboard can scroll the days. */}
            <div tabIndex={0} role="region" aria-label={`${title}, as a table`} className="max-h-80 overflow-y-auto rounded-md border border-border focus-visible:outline-2 focus-visible:outline-ring">
              <table className="w-full border-collapse text-sm" aria-labelledby={headingId} data-testid={`${id}-table`}>
                <thead className="sticky top-0 bg-surface-muted text-left text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="h-8 px-3 font-medium">
                      Day
                    </th>
                    {series.map((one) => (
                      <th key={one.key} scope="col" className="h-8 px-3 text-right font-medium">
                        {one.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {rows.map((row) => (
                    <tr key={row.label}>
                      <th scope="row" className="px-3 py-1.5 text-left font-normal">
                        {row.label}
                      </th>
                      {series.map((one) => (
                        <td key={one.key} className="px-3 py-1.5 text-right tabular-nums">
                          {formatCount(Number(row[one.key] ?? 0))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </TabsContent>
        </CardContent>
      </Tabs>
    </Card>
  );
}
