// Bar and line charts with ECharts, imported per chart type (core, BarChart, LineChart, the
// grid, tooltip and legend, the canvas renderer) so that only these pieces are bundled. This
// module is loaded with import() by components/chart.tsx, never by the entry bundle.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartData } from '../analytics-api';
import { formatFigure } from '../format';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartOptions {
  kind: 'bar' | 'line';
  /** Categories down the side (long names: units, activity types). */
  horizontal?: boolean;
  stacked?: boolean;
  decimals?: number;
  percent?: boolean;
  /** Colours of the series, in order. */
  colors?: string[];
}

export const PALETTE = ['#0f4c81', '#c2410c', '#15803d', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#1d4ed8', '#9f1239'];

export interface DrawnChart {
  update(data: ChartData, opts: ChartOptions): void;
  resize(): void;
  dispose(): void;
}

function option(data: ChartData, opts: ChartOptions) {
  const fmt = (v: unknown) => formatFigure(typeof v === 'number' ? v : Number(v), { decimals: opts.decimals, percent: opts.percent });
  const drawn = data.series.filter((s) => !s.tableOnly);
  const narrow = typeof window !== 'undefined' && window.innerWidth < 600;
  const catAxis = {
    type: 'category' as const,
    data: data.categories.map((c) => c.name),
    axisLabel: opts.horizontal
      ? { width: narrow ? 96 : 180, overflow: 'truncate' as const }
      : { interval: 0, hideOverlap: true, width: narrow ? 60 : 100, overflow: 'truncate' as const },
    inverse: opts.horizontal,
  };
  // Counts step by whole numbers (no "0,5 cuộc"); ratios and indicators may not.
  const whole = !opts.percent && !opts.decimals;
  const valAxis = { type: 'value' as const, minInterval: whole ? 1 : undefined, axisLabel: { formatter: (v: number) => fmt(v) } };
  return {
    color: opts.colors ?? PALETTE,
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
    grid: { left: 8, right: 16, top: drawn.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    legend: drawn.length > 1 ? { top: 0, type: 'scroll' as const } : { show: false },
    tooltip: { trigger: 'axis' as const, valueFormatter: fmt },
    xAxis: opts.horizontal ? valAxis : catAxis,
    yAxis: opts.horizontal ? catAxis : valAxis,
    series: drawn.map((s) => ({
      type: opts.kind,
      name: s.name || ' ',
      stack: opts.stacked ? (s.stack ?? 'all') : undefined,
      data: s.values,
      barMaxWidth: 36,
      connectNulls: true,
      emphasis: { focus: 'series' as const },
    })),
  };
}

export function drawChart(el: HTMLElement, data: ChartData, opts: ChartOptions): DrawnChart {
  const chart = echarts.init(el, undefined, { renderer: 'canvas', locale: 'EN' });
  chart.setOption(option(data, opts));
  return {
    update: (d, o) => chart.setOption(option(d, o), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
