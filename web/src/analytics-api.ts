// The analytics API (GET /analytics, /analytics/elements, /indicators, /targets…): types, calls,
// and the helpers that turn an answer's rows into the categories and series a chart or a table
// shows. Ids in rows are strings; a split value "total" is the total over that split.
import { request } from './api';

export type Dim = 'dx' | 'pe' | 'ou' | 'sex' | 'level' | 'item';
export type Split = 'sex' | 'level' | 'item';
export const SPLITS: Split[] = ['sex', 'level', 'item'];
/** Men, women, then the total, as the report forms list them. */
const SEX_ORDER = ['male', 'female', 'total'];

export interface AsOf {
  sequence: number;
  changed_at: string | null;
  checked_at: string;
}

export interface AnalyticsAnswer {
  headers: { name: string; title: string }[];
  rows: (string | number)[][];
  meta: { items: Record<string, string>; dimensions?: Partial<Record<Dim, string[]>>; notes?: string[] };
  as_of?: AsOf;
}

export interface AnalyticsQuery {
  dx: string;
  pe: string;
  ou: string;
  by?: string;
}

export interface DataElement {
  code: string;
  name: string;
  template: string;
  template_title: string;
  table: string;
  table_title: string;
  column: string;
  column_name: string;
  by_sex: boolean;
}

export interface Indicator {
  id: string;
  code: string;
  name: string;
  numerator: string;
  denominator: string;
  factor: number;
  decimals: number;
  source?: string;
  built_in?: boolean;
  version: number;
}

export interface Target {
  id: string;
  indicator: string;
  indicator_name: string;
  unit_id: string;
  unit_name: string;
  year: number;
  comparator: '>=' | '<=' | '=';
  value: number;
  source?: string;
  version: number;
}

export type TargetStatus = 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data';

export interface TargetProgress {
  target: Target;
  value: number | null;
  /** The year the value is of (the latest with data up to the target's year). */
  value_year?: number | null;
  status: TargetStatus;
  status_label: string;
  note?: string;
  trend: { year: number; value: number | null }[];
}

export const analyticsApi = {
  query: (q: AnalyticsQuery) => request<AnalyticsAnswer>('GET', '/analytics', { query: { ...q } }),
  elements: () => request<{ items: DataElement[] }>('GET', '/analytics/elements'),
  indicators: () => request<{ items: Indicator[] }>('GET', '/indicators'),
  progress: (unit: string, year?: number) =>
    request<{ items: TargetProgress[]; as_of?: AsOf }>('GET', '/targets/progress', { query: { unit, year } }),
};

/** The download address of the same table as CSV or XLSX (a plain link; the session cookie goes with it). */
export function downloadUrl(q: AnalyticsQuery, format: 'csv' | 'xlsx'): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  p.set('format', format);
  return '/api/v1/analytics?' + p.toString();
}

/** One answer read by column name: the value of `dim` in a row, the row's value, names. */
export class Table {
  private readonly index: Record<string, number> = {};
  constructor(readonly answer: AnalyticsAnswer) {
    answer.headers.forEach((h, i) => (this.index[h.name] = i));
  }
  has(dim: string): boolean {
    return dim in this.index;
  }
  get(row: (string | number)[], dim: string): string {
    const i = this.index[dim];
    return i === undefined ? '' : String(row[i]);
  }
  value(row: (string | number)[]): number {
    const v = row[this.index.value];
    return typeof v === 'number' ? v : Number(v);
  }
  name(id: string): string {
    return this.answer.meta.items[id] ?? id;
  }
  /** The distinct values of `dim`, in the answer's dimension order when it gives one. */
  values(dim: Dim): string[] {
    const seen = new Set<string>();
    for (const r of this.answer.rows) seen.add(this.get(r, dim));
    const order = dim === 'sex' ? SEX_ORDER : this.answer.meta.dimensions?.[dim];
    if (order && order.length) {
      const listed = order.filter((v) => seen.has(v));
      return listed.concat([...seen].filter((v) => !order.includes(v)));
    }
    return [...seen];
  }
  /** The sum of the rows matching every `dim = value` given (a missing row counts nothing; null when none match). */
  sum(match: Partial<Record<Dim, string>>): number | null {
    let total: number | null = null;
    for (const r of this.answer.rows) {
      let ok = true;
      for (const [d, v] of Object.entries(match)) {
        if (this.get(r, d) !== v) {
          ok = false;
          break;
        }
      }
      if (ok) total = (total ?? 0) + this.value(r);
    }
    return total;
  }
}

/**
 * A chart's data: what is on the axis (categories), one series per drawn line or bar. Stacked
 * bars stack the series of the same `stack` (the parts of one split), side by side otherwise.
 */
export interface ChartData {
  categories: { id: string; name: string }[];
  series: { id: string; name: string; values: (number | null)[]; tableOnly?: boolean; stack?: string }[];
}

/**
 * The values of an answer laid out with `cat` on the axis and one series per value of `ser`
 * (or a single series when `ser` is null). Rows not matching `fixed` are left out. A "total"
 * series is kept for the table but not drawn.
 */
export function chartData(table: Table, cat: Dim, ser: Dim | null, fixed: Partial<Record<Dim, string>> = {}, cats?: string[]): ChartData {
  const catIds = (cats ?? table.values(cat)).filter((c) => c !== 'total');
  const serIds = ser ? table.values(ser) : [''];
  const rank = (id: string) => (id === 'total' ? 1 : 0);
  serIds.sort((a, b) => rank(a) - rank(b));
  return {
    // Years on an axis read best as "2024" (the answer names them "Năm 2024").
    categories: catIds.map((id) => ({ id, name: cat === 'pe' && /^\d{4}$/.test(id) ? id : table.name(id) })),
    series: serIds.map((s) => ({
      id: s,
      name: s ? table.name(s) : '',
      tableOnly: s === 'total',
      values: catIds.map((c) => table.sum({ ...fixed, [cat]: c, ...(ser ? { [ser]: s } : {}) })),
    })),
  };
}
