// The map of the 34 provinces with ECharts' geo component (regions coloured by the page, so the
// legend and the colours come from one place), the labels of the Hoàng Sa and Trường Sa
// archipelagos, and a click on a province. The boundaries are the TopoJSON copied into the web
// build (build.mjs), decoded with topojson-client. Loaded with import() by pages/map.tsx only.
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

echarts.use([ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

export const TOPO_URL = './vn-provinces-2025.topo.json';
const MAP_NAME = 'vn-provinces-2025';

/** The provinces' names as the boundary file spells them (ten_tinh). */
let loaded: Promise<string[]> | null = null;

export function loadProvinces(): Promise<string[]> {
  loaded ??= fetch(TOPO_URL, { credentials: 'same-origin' })
    .then((r) => {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json() as Promise<Topology>;
    })
    .then((topo) => {
      const key = Object.keys(topo.objects)[0];
      const geo = feature(topo, topo.objects[key] as GeometryCollection) as unknown as {
        features: { properties: Record<string, unknown> }[];
      };
      const names: string[] = [];
      for (const f of geo.features) {
        const name = String(f.properties.ten_tinh ?? f.properties.name ?? '');
        f.properties.name = name;
        names.push(name);
      }
      echarts.registerMap(MAP_NAME, geo as never);
      return names;
    });
  loaded.catch(() => (loaded = null));
  return loaded;
}

export interface MapRegion {
  /** The province as the boundary file names it. */
  name: string;
  color: string;
  /** The tooltip's text. */
  label: string;
}

export interface DrawnMap {
  update(regions: MapRegion[]): void;
  resize(): void;
  dispose(): void;
}

/** Where the archipelagos' names are written (longitude, latitude). */
const ARCHIPELAGOS = [
  { name: 'Quần đảo Hoàng Sa', value: [112.1, 17.3] },
  { name: 'Quần đảo Trường Sa', value: [114.6, 12.4] },
];

function option(regions: MapRegion[], noData: string) {
  const byName = new Map(regions.map((r) => [r.name, r]));
  return {
    animation: false,
    tooltip: {
      trigger: 'item' as const,
      formatter: (p: { componentType: string; name: string }) =>
        p.componentType === 'geo' ? (byName.get(p.name)?.label ?? p.name) : p.name,
    },
    geo: {
      map: MAP_NAME,
      roam: false,
      layoutCenter: ['50%', '50%'],
      layoutSize: '100%',
      aspectScale: 1 / Math.cos((16 * Math.PI) / 180),
      selectedMode: false,
      itemStyle: { areaColor: noData, borderColor: '#ffffff', borderWidth: 0.6 },
      emphasis: { itemStyle: { areaColor: '#ffcc4d' }, label: { show: false } },
      label: { show: false },
      tooltip: { show: true },
      regions: regions.map((r) => ({ name: r.name, itemStyle: { areaColor: r.color } })),
    },
    series: [
      {
        type: 'scatter' as const,
        coordinateSystem: 'geo' as const,
        data: ARCHIPELAGOS,
        symbolSize: 0,
        silent: true,
        label: { show: true, formatter: '{b}', color: '#4f5966', fontSize: 11, position: 'inside' as const },
        tooltip: { show: false },
      },
    ],
  };
}

export function drawMap(el: HTMLElement, regions: MapRegion[], noData: string, onClick: (name: string) => void): DrawnMap {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption(option(regions, noData));
  chart.on('click', (p) => {
    if (p.componentType === 'geo' && p.name) onClick(p.name);
  });
  return {
    update: (r) => chart.setOption(option(r, noData), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
