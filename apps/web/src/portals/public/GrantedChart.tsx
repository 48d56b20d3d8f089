// The programs page's bar chart. ECharts (its modular core, bars only) is imported here, so it is
// fetched when the chart renders: never with the home page.
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function GrantedChart({ rows, label }: { rows: { name: string; yuan10k: number }[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, overflow: 'truncate', width: 120 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: rows.map((r) => Math.round(r.yuan10k * 100) / 100), itemStyle: { color: '#c8102e' }, barMaxWidth: 48 }],
      aria: { enabled: true },
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows]);
  return <div ref={el} className="pub-chart" role="img" aria-label={label} data-testid="granted-chart" />;
}
