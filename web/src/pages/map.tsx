// "Bản đồ" (#/ban-do?dx=&pe=): the 34 provinces (with the Hoàng Sa and Trường Sa archipelagos)
// coloured by a data element or an indicator for one period, from GET /analytics with
// ou=<country>;LEVEL-province. The legend and the table below say the same as the colours; a
// click on a province (or its name in the table) opens its dashboard.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Unit } from '../api';
import { analyticsApi, Table, type DataElement, type Indicator } from '../analytics-api';
import type { DrawnMap } from '../charts/map';
import { errorText, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { formatFigure, todayVN } from '../format';
import { t } from '../i18n';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';
import { AsOfLine, overviewHref, PEOPLE } from './overview';

const YEAR_NOW = Number(todayVN().slice(0, 4));
const YEARS = Array.from({ length: 7 }, (_, i) => String(YEAR_NOW - i));
export const NO_DATA_COLOR = '#e3e7eb';
/** Five classes, light to dark (sequential, readable with colour-blindness). */
export const CLASS_COLORS = ['#dbe9f6', '#a6cbe6', '#5fa0d1', '#2a6fad', '#0b3d73'];

/** A province's name reduced for matching the boundary file to the unit tree: no prefix, no accents. */
export function provinceKey(name: string): string {
  const s = name
    .replace(/^(Tỉnh|Thành phố|TP\.?)\s+/i, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return s === 'hcm' || s === 'tphcm' ? 'hochiminh' : s;
}

interface Classes {
  /** How many values were classed. */
  count: number;
  breaks: number[];
  colorOf(v: number | null): string;
}

/** Five classes by quantiles of the values (fewer when the values are few or equal). */
export function classify(values: number[]): Classes {
  const sorted = [...values].sort((a, b) => a - b);
  const breaks: number[] = [];
  if (sorted.length) {
    for (let i = 1; i < CLASS_COLORS.length; i++) {
      const q = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / CLASS_COLORS.length))];
      if (q > sorted[0] && !breaks.includes(q)) breaks.push(q);
    }
  }
  const colors = CLASS_COLORS.slice(CLASS_COLORS.length - breaks.length - 1);
  return {
    count: values.length,
    breaks,
    colorOf(v) {
      if (v === null) return NO_DATA_COLOR;
      let c = 0;
      while (c < breaks.length && v >= breaks[c]) c++;
      return colors[c];
    },
  };
}

export function MapPage({ route }: { route: Route }) {
  useTitle(t('an.map'));
  const { user } = useSession();
  const dx = route.params.get('dx') || PEOPLE;
  const peParam = route.params.get('pe') ?? '';
  const [elements, setElements] = useState<DataElement[]>([]);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [root, setRoot] = useState<string | null>(null);
  const [provinces, setProvinces] = useState<Unit[] | null>(null);
  const [latest, setLatest] = useState<string>('');
  const [answer, setAnswer] = useState<Table | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shapes, setShapes] = useState<string[] | null>(null);
  const [mapError, setMapError] = useState<unknown>(null);
  const el = useRef<HTMLDivElement>(null);
  const drawn = useRef<DrawnMap | null>(null);
  const mapModule = useRef<typeof import('../charts/map') | null>(null);

  useEffect(() => {
    analyticsApi.elements().then((r) => setElements(r.items), () => undefined);
    analyticsApi.indicators().then((r) => setIndicators(r.items), () => undefined);
    import('../charts/map')
      .then((m) => {
        mapModule.current = m;
        return m.loadProvinces();
      })
      .then(setShapes, setMapError);
    // The country: the user's unit or its topmost ancestor; its provinces by name.
    api
      .unit(user.unit_id)
      .then((u) => {
        const country = u.kind === 'country' ? u : (u.ancestors.find((a) => a.kind === 'country') ?? u.ancestors[0] ?? u);
        setRoot(country.id);
        return api.children(country.id, { kind: 'province', limit: 100 });
      })
      .then((page) => setProvinces(page.items))
      .catch(setError);
  }, []);

  // Without ?pe=, the latest year with data for the country.
  useEffect(() => {
    if (!root || peParam) return;
    analyticsApi
      .query({ dx, pe: YEARS.join(','), ou: root })
      .then((a) => {
        const tb = new Table(a);
        const withData = YEARS.filter((y) => (tb.sum({ pe: y }) ?? 0) !== 0);
        setLatest(withData[0] ?? String(YEAR_NOW));
      })
      .catch(() => setLatest(String(YEAR_NOW)));
  }, [root, dx, peParam]);
  const pe = peParam || latest;

  useEffect(() => {
    if (!root || !pe) return;
    setAnswer(null);
    setError(null);
    analyticsApi
      .query({ dx, pe, ou: root + ';LEVEL-province' })
      .catch((e) => {
        // A user below the country sees the provinces of their own subtree.
        if (e instanceof ApiError && e.status === 403) return analyticsApi.query({ dx, pe, ou: user.unit_id + ';LEVEL-province' });
        throw e;
      })
      .then((a) => setAnswer(new Table(a)), setError);
  }, [root, dx, pe]);

  const indicator = indicators.find((i) => i.code === dx);
  const fmt = (v: number | null) =>
    v === null ? t('an.none') : formatFigure(v, indicator ? { decimals: indicator.decimals, percent: indicator.factor === 100 } : {});

  // One entry per province of the boundary file: its unit, value and colour.
  const rows = useMemo(() => {
    if (!shapes) return null;
    const unitByKey = new Map((provinces ?? []).map((u) => [provinceKey(u.name), u]));
    const valueByKey = new Map<string, number>();
    if (answer) {
      for (const r of answer.answer.rows) {
        const k = provinceKey(answer.name(answer.get(r, 'ou')));
        valueByKey.set(k, (valueByKey.get(k) ?? 0) + answer.value(r));
      }
    }
    const classes = classify([...valueByKey.values()]);
    const list = shapes.map((shape) => {
      const k = provinceKey(shape);
      const unit = unitByKey.get(k) ?? null;
      const value = valueByKey.has(k) ? valueByKey.get(k)! : null;
      return { shape, unit, name: unit?.name ?? shape, value, color: classes.colorOf(value) };
    });
    list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return { list, classes };
  }, [shapes, provinces, answer]);

  const open = (shape: string) => {
    const u = rows?.list.find((r) => r.shape === shape)?.unit;
    if (u) navigate(overviewHref(u.id, /^\d{4}$/.test(pe) ? pe : undefined));
  };
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    const m = mapModule.current;
    if (!m || !rows || !el.current) return;
    const regions = rows.list.map((r) => ({ name: r.shape, color: r.color, label: r.name + ': ' + fmt(r.value) }));
    if (drawn.current) drawn.current.update(regions);
    else drawn.current = m.drawMap(el.current, regions, NO_DATA_COLOR, (name) => openRef.current(name));
  }, [rows]);

  useEffect(() => {
    if (!el.current || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => drawn.current?.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      drawn.current?.dispose();
      drawn.current = null;
    };
  }, []);

  const go = (next: { dx?: string; pe?: string }) => navigate(href(['ban-do'], { dx: next.dx ?? dx, pe: next.pe ?? pe }), true);
  const legend = rows ? legendItems(rows.classes, fmt) : [];

  return (
    <section class="page map-page" data-map>
      <PageHeader title={t('an.map')} />
      <div class="panel form-grid" role="search">
        <div class="field">
          <label for="map-dx">{t('an.mapDx')}</label>
          <select id="map-dx" value={dx} onChange={(e) => go({ dx: (e.target as HTMLSelectElement).value })}>
            {!elements.some((e) => e.code === dx) && !indicators.some((i) => i.code === dx) && <option value={dx}>{dx}</option>}
            <optgroup label={t('an.elements')}>
              {elements.map((e) => (
                <option key={e.code} value={e.code}>
                  {e.name}
                </option>
              ))}
            </optgroup>
            {indicators.length > 0 && (
              <optgroup label={t('an.indicators')}>
                {indicators.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div class="field">
          <label for="map-pe">{t('an.pe')}</label>
          <select id="map-pe" value={pe} onChange={(e) => go({ pe: (e.target as HTMLSelectElement).value })}>
            {pe && !YEARS.includes(pe) && <option value={pe}>{pe}</option>}
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {t('an.yearLabel', { y })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {mapError != null && <Notice kind="error">{t('an.mapFailed')}</Notice>}
      <AsOfLine asOf={answer?.answer.as_of} />
      <div class="map-layout">
        <figure class="panel map-figure" aria-labelledby="map-title">
          <figcaption id="map-title" class="chart__title">
            {(indicator?.name ?? elements.find((e) => e.code === dx)?.name ?? dx) + ' · ' + (answer?.name(pe) ?? pe)}
          </figcaption>
          {!shapes && mapError == null && <Loading />}
          <div class="map-canvas" ref={el} aria-hidden="true" data-testid="map-canvas" />
          <p class="map-credit muted small">{t('an.mapCredit')}</p>
        </figure>
        <div class="map-side">
          <div class="panel map-legend" data-testid="map-legend">
            <h2 class="chart__title">{t('an.legend')}</h2>
            <ul>
              {legend.map((l) => (
                <li key={l.color} data-legend-color={l.color}>
                  <span class="swatch" style={{ background: l.color }} aria-hidden="true" /> {l.label}
                </li>
              ))}
            </ul>
          </div>
          {rows && (
            <details class="panel chart__data">
              <summary>{t('an.showTable')}</summary>
              <table class="table table--compact" data-testid="map-table">
                <thead>
                  <tr>
                    <th scope="col">{t('an.col.province')}</th>
                    <th scope="col" class="num">
                      {t('an.value')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.list.map((r) => (
                    <tr key={r.shape} data-province={r.shape} data-fill={r.color}>
                      <th scope="row">{r.unit ? <a href={overviewHref(r.unit.id, /^\d{4}$/.test(pe) ? pe : undefined)}>{r.name}</a> : r.name}</th>
                      <td class="num">{fmt(r.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </div>
      </div>
    </section>
  );
}

function legendItems(classes: Classes, fmt: (v: number | null) => string): { color: string; label: string }[] {
  const items: { color: string; label: string }[] = [];
  const { breaks } = classes;
  if (classes.count === 0) {
    // Nothing to class: only the no-data colour.
  } else if (breaks.length === 0) {
    items.push({ color: classes.colorOf(0), label: t('an.legendAny') });
  } else {
    items.push({ color: classes.colorOf(breaks[0] - 1e-9), label: t('an.legendBelow', { v: fmt(breaks[0]) }) });
    for (let i = 0; i < breaks.length; i++) {
      const label = i + 1 < breaks.length ? fmt(breaks[i]) + ' – ' + fmt(breaks[i + 1]) : t('an.legendFrom', { v: fmt(breaks[i]) });
      items.push({ color: classes.colorOf(breaks[i]), label });
    }
  }
  items.push({ color: NO_DATA_COLOR, label: t('an.legendNone') });
  return items;
}
