// A bar chart for the dashboards and the public statistics page. ECharts (its modular core: bars,
// a grid, a legend, tooltips) is imported here only, and this file is only ever imported lazily
// (React.lazy), so ECharts is fetched when a chart renders, never with the console's first bundle.
// The chart is a picture of the table beside it: it carries the same figures, and its accessible
// name says so; the table is what a screen reader reads.
import { useEffect, useRef } from 'react';
import { BarChart as Bars } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([Bars, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

const PALETTE = ['#c8102e', '#1d4ed8', '#0f766e', '#b45309', '#6d28d9', '#be185d', '#475569', '#15803d', '#0369a1'];

export interface BarSeries {
  name: string;
  data: (number | null)[];
}

export interface BarChartProps {
  /** the accessible name (the figure's caption) */
  label: string;
  categories: string[];
  series: BarSeries[];
  /** bars from the left (long names, league tables) */
  horizontal?: boolean;
  stacked?: boolean;
  height?: number;
  testId?: string;
}

export default function BarChart({ label, categories, series, horizontal, stacked, height, testId }: BarChartProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const category = { type: 'category' as const, data: categories, axisLabel: { overflow: 'truncate' as const, width: horizontal ? 110 : 90, interval: 0, hideOverlap: true }, inverse: horizontal };
    const value = { type: 'value' as const, axisLabel: { hideOverlap: true } };
    chart.setOption({
      color: PALETTE,
      grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack: stacked ? 'all' : undefined, barMaxWidth: 36, emphasis: { focus: 'series' } })),
      aria: { enabled: true, label: { description: label } },
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(el.current);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      chart.dispose();
    };
  }, [categories, series, horizontal, stacked, label]);
  return <div ref={el} className="insight-chart" style={{ height: height ?? 280 }} role="img" aria-label={label} data-testid={testId ?? 'chart'} data-chart-ready="true" />;
}
