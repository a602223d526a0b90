// "Phân tích" (#/phan-tich?dx=&pe=&ou=&by=): choose data elements and indicators, periods, a
// unit and its scope, and the splits; the answer of GET /analytics as a table and a chart, with
// CSV and XLSX downloads of the same table. The address keeps the choice, so it can be shared.
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import {
  analyticsApi,
  downloadUrl,
  SPLITS,
  Table,
  type AnalyticsQuery,
  type ChartData,
  type DataElement,
  type Dim,
  type Indicator,
} from '../analytics-api';
import type { ChartOptions } from '../charts/bars';
import { ChartFigure } from '../components/chart';
import { errorText, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { formatFigure, todayVN } from '../format';
import { t, type MessageKey } from '../i18n';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';
import { AsOfLine, Notes } from './overview';

const YEAR_NOW = Number(todayVN().slice(0, 4));
const YEARS = Array.from({ length: 7 }, (_, i) => String(YEAR_NOW - i));
const RELATIVE = ['THIS_YEAR', 'LAST_YEAR', 'LAST_5_YEARS', 'LAST_4_QUARTERS', 'LAST_12_MONTHS'];
const SCOPES = ['', 'CHILDREN', 'LEVEL-province', 'LEVEL-commune', 'LEVEL-agency'];
const MAX_SERIES = 12;

const list = (s: string | null) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** "ID;CHILDREN" -> { unit: "ID", scope: "CHILDREN" }. */
function parseOu(ou: string): { unit: string; scope: string } {
  const [unit, scope = ''] = ou.split(';');
  return { unit, scope };
}

export function PivotPage({ route }: { route: Route }) {
  useTitle(t('an.pivot'));
  const { user } = useSession();
  const p = route.params;
  const query: AnalyticsQuery | null =
    p.get('dx') && p.get('pe') && p.get('ou') ? { dx: p.get('dx')!, pe: p.get('pe')!, ou: p.get('ou')!, by: p.get('by') ?? '' } : null;

  const [elements, setElements] = useState<DataElement[] | null>(null);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dx, setDx] = useState<string[]>(list(p.get('dx')));
  const [pe, setPe] = useState<string[]>(list(p.get('pe')).length ? list(p.get('pe')) : ['LAST_5_YEARS']);
  const initialOu = parseOu(list(p.get('ou'))[0] ?? user.unit_id);
  const [unit, setUnit] = useState<PickedUnit | null>(
    initialOu.unit === user.unit_id || initialOu.unit === 'USER_ORGUNIT' ? { id: user.unit_id, name: user.unit_name } : null,
  );
  const [scope, setScope] = useState(initialOu.scope);
  const [by, setBy] = useState<string[]>(list(p.get('by')));
  const [kind, setKind] = useState<'bar' | 'line'>(p.get('chart') === 'line' ? 'line' : 'bar');
  const [formError, setFormError] = useState<string | null>(null);

  const [answer, setAnswer] = useState<Table | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    analyticsApi.elements().then((r) => setElements(r.items), setLoadError);
    analyticsApi.indicators().then((r) => setIndicators(r.items), () => undefined);
  }, []);

  // The unit named in the address, by name, for the picker.
  useEffect(() => {
    if (unit || !initialOu.unit) return;
    api.unit(initialOu.unit).then(
      (u) => setUnit({ id: u.id, name: u.name }),
      () => setUnit({ id: initialOu.unit, name: initialOu.unit }),
    );
  }, []);

  const key = query ? [query.dx, query.pe, query.ou, query.by].join('|') : '';
  useEffect(() => {
    if (!query) return;
    setAnswer(null);
    setError(null);
    analyticsApi.query(query).then((a) => setAnswer(new Table(a)), setError);
  }, [key]);

  const toggle = (values: string[], set: (v: string[]) => void, v: string, on: boolean) =>
    set(on ? [...values.filter((x) => x !== v), v] : values.filter((x) => x !== v));

  const submit = (e: Event) => {
    e.preventDefault();
    if (dx.length === 0) return setFormError(t('an.pickDx'));
    if (pe.length === 0) return setFormError(t('an.pickPe'));
    if (!unit) return setFormError(t('an.pickOu'));
    setFormError(null);
    navigate(
      href(['phan-tich'], {
        dx: dx.join(','),
        pe: pe.join(','),
        ou: unit.id + (scope ? ';' + scope : ''),
        by: SPLITS.filter((s) => by.includes(s)).join(','),
        chart: kind === 'line' ? 'line' : '',
      }),
    );
  };

  const groups = useMemo(() => {
    const g = new Map<string, DataElement[]>();
    for (const e of elements ?? []) {
      const k = e.template_title + ' — ' + e.table_title;
      g.set(k, [...(g.get(k) ?? []), e]);
    }
    return [...g.entries()];
  }, [elements]);

  const otherPe = pe.filter((x) => !RELATIVE.includes(x) && !YEARS.includes(x)).join(', ');
  const indicatorOf = (code: string) => indicators.find((i) => i.code === code);

  return (
    <section class="page pivot" data-pivot>
      <PageHeader title={t('an.pivot')} />
      <p class="muted">{t('an.pivotIntro')}</p>
      {loadError != null && <Notice kind="error">{errorText(loadError)}</Notice>}
      <form class="panel pivot__form" onSubmit={submit} aria-label={t('an.pivotForm')}>
        <div class="pivot__choices">
          <fieldset class="fieldset pivot__dx">
            <legend>{t('an.dx')}</legend>
            {elements === null && loadError == null && <Loading />}
            <div class="pivot__scroll">
              {groups.map(([title, els]) => (
                <fieldset key={title} class="pivot__group">
                  <legend class="pivot__group-title">{title}</legend>
                  {els.map((el) => (
                    <label key={el.code} class="checkbox">
                      <input
                        type="checkbox"
                        value={el.code}
                        checked={dx.includes(el.code)}
                        onChange={(e) => toggle(dx, setDx, el.code, (e.target as HTMLInputElement).checked)}
                      />{' '}
                      {el.column_name}
                    </label>
                  ))}
                </fieldset>
              ))}
              {indicators.length > 0 && (
                <fieldset class="pivot__group">
                  <legend class="pivot__group-title">{t('an.indicators')}</legend>
                  {indicators.map((i) => (
                    <label key={i.code} class="checkbox">
                      <input
                        type="checkbox"
                        value={i.code}
                        checked={dx.includes(i.code)}
                        onChange={(e) => toggle(dx, setDx, i.code, (e.target as HTMLInputElement).checked)}
                      />{' '}
                      {i.name}
                    </label>
                  ))}
                </fieldset>
              )}
            </div>
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('an.pe')}</legend>
            <div class="checkbox-grid">
              {RELATIVE.map((r) => (
                <label key={r} class="checkbox">
                  <input type="checkbox" checked={pe.includes(r)} onChange={(e) => toggle(pe, setPe, r, (e.target as HTMLInputElement).checked)} />{' '}
                  {t(('an.pe.' + r) as MessageKey)}
                </label>
              ))}
              {YEARS.map((y) => (
                <label key={y} class="checkbox">
                  <input type="checkbox" checked={pe.includes(y)} onChange={(e) => toggle(pe, setPe, y, (e.target as HTMLInputElement).checked)} />{' '}
                  {t('an.yearLabel', { y })}
                </label>
              ))}
            </div>
            <div class="field">
              <label for="pivot-pe-other">{t('an.peOther')}</label>
              <p class="field__hint" id="pivot-pe-other-hint">
                {t('an.peOtherHint')}
              </p>
              <input
                id="pivot-pe-other"
                aria-describedby="pivot-pe-other-hint"
                value={otherPe}
                onChange={(e) => {
                  const typed = list((e.target as HTMLInputElement).value.replace(/\s+/g, ','));
                  setPe([...pe.filter((x) => RELATIVE.includes(x) || YEARS.includes(x)), ...typed.map((x) => x.toUpperCase())]);
                }}
              />
            </div>
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('an.ou')}</legend>
            <UnitPicker id="pivot-unit" label={t('an.unit')} value={unit} onChange={setUnit} />
            <div class="field">
              <label for="pivot-scope">{t('an.scope')}</label>
              <select id="pivot-scope" value={scope} onChange={(e) => setScope((e.target as HTMLSelectElement).value)}>
                {SCOPES.map((s) => (
                  <option key={s} value={s}>
                    {t(('an.scope.' + (s || 'self')) as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('an.by')}</legend>
            {SPLITS.map((s) => (
              <label key={s} class="checkbox">
                <input type="checkbox" checked={by.includes(s)} onChange={(e) => toggle(by, setBy, s, (e.target as HTMLInputElement).checked)} />{' '}
                {t(('an.split.' + s) as MessageKey)}
              </label>
            ))}
            <div class="field">
              <label for="pivot-chart">{t('an.chartKind')}</label>
              <select id="pivot-chart" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'bar' | 'line')}>
                <option value="bar">{t('an.chartBar')}</option>
                <option value="line">{t('an.chartLine')}</option>
              </select>
            </div>
          </fieldset>
        </div>
        {formError && <Notice kind="error">{formError}</Notice>}
        <div class="form-actions">
          <button type="submit" class="button button--primary">
            {t('an.show')}
          </button>
        </div>
      </form>

      {query && error != null && <Notice kind="error">{pivotError(error)}</Notice>}
      {query && answer === null && error == null && <Loading />}
      {query && answer && (
        <Result table={answer} query={query} kind={p.get('chart') === 'line' ? 'line' : 'bar'} indicatorOf={indicatorOf} />
      )}
    </section>
  );
}

/** The server's message, with the message of each bad dimension. */
function pivotError(e: unknown): string {
  const err = e as { details?: { field: string; message: string }[] };
  const fields = (err.details ?? []).map((d) => d.field + ': ' + d.message);
  return [errorText(e), ...fields].filter((s, i, all) => s && all.indexOf(s) === i).join(' · ');
}

function Result({
  table,
  query,
  kind,
  indicatorOf,
}: {
  table: Table;
  query: AnalyticsQuery;
  kind: 'bar' | 'line';
  indicatorOf: (code: string) => Indicator | undefined;
}) {
  const { headers, rows } = table.answer;
  const dims = headers.map((h) => h.name).filter((n) => n !== 'value') as Dim[];
  // A dimension with one value in every row is said once above the table, not in each row.
  const varying = dims.filter((d) => table.values(d).length > 1);
  const shown = varying.length > 0 ? varying : dims;
  const fixed = dims.filter((d) => !shown.includes(d));
  const chart = useMemo(() => pivotChart(table, dims), [table]);
  const dxs = table.values('dx');
  // One indicator: its decimals and "%" on the axis. A split's parts are stacked (not ratios).
  const indicator = dxs.length === 1 ? indicatorOf(dxs[0]) : undefined;
  const anyIndicator = dxs.some((d) => indicatorOf(d));
  const options: ChartOptions = {
    kind,
    stacked: kind === 'bar' && !anyIndicator && dims.some((d) => (SPLITS as string[]).includes(d) && d !== chart.catDim),
    horizontal: kind === 'bar' && chart.catDim !== 'pe' && chart.data.categories.length > 6,
    percent: indicator ? indicator.factor === 100 : undefined,
    decimals: indicator?.decimals,
  };
  const fmt = (row: (string | number)[]) => {
    const ind = indicatorOf(table.get(row, 'dx'));
    return formatFigure(table.value(row), ind ? { decimals: ind.decimals, percent: ind.factor === 100 } : {});
  };
  return (
    <>
      <div class="pivot__head">
        <h2>{t('an.result', { n: rows.length })}</h2>
        <p class="pivot__downloads">
          <a class="button" href={downloadUrl(query, 'csv')} download data-download="csv">
            {t('an.downloadCsv')}
          </a>{' '}
          <a class="button" href={downloadUrl(query, 'xlsx')} download data-download="xlsx">
            {t('an.downloadXlsx')}
          </a>
        </p>
      </div>
      <AsOfLine asOf={table.answer.as_of} />
      <Notes notes={table.answer.meta.notes} />
      {rows.length === 0 ? (
        <p class="muted">{t('an.noData')}</p>
      ) : (
        <>
          <ChartFigure
            id="pivot-chart"
            title={t('an.chart')}
            data={chart.data}
            options={options}
            categoryLabel={headers.find((h) => h.name === chart.catDim)?.title ?? chart.catDim}
            note={chart.cut ? t('an.seriesCut', { n: MAX_SERIES }) : undefined}
          />
          <div class="table-scroll panel">
            {fixed.length > 0 && (
              <dl class="facts pivot__fixed">
                {fixed.map((d) => (
                  <Fragment key={d}>
                    <dt>{headers.find((h) => h.name === d)?.title ?? d}</dt>
                    <dd data-fixed={d}>{table.name(table.values(d)[0])}</dd>
                  </Fragment>
                ))}
              </dl>
            )}
            <table class="table" data-testid="pivot-table">
              <caption class="visually-hidden">{t('an.result', { n: rows.length })}</caption>
              <thead>
                <tr>
                  {headers
                    .filter((h) => h.name === 'value' || shown.includes(h.name as Dim))
                    .map((h) => (
                      <th scope="col" key={h.name} class={h.name === 'value' ? 'num' : undefined}>
                        {h.title}
                      </th>
                    ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i} class={dims.some((d) => table.get(r, d) === 'total') ? 'row--total' : undefined}>
                    {shown.map((d) => (
                      <td key={d} data-dim={d}>
                        {table.name(table.get(r, d))}
                      </td>
                    ))}
                    <td class="num" data-dim="value">
                      {fmt(r)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/**
 * The chart of an answer: the periods on the axis when there are several, else the units, else
 * the first split, else the data; one series for each combination of the other dimensions that
 * vary, leaving out the split totals (the parts are drawn, stacked).
 */
function pivotChart(table: Table, dims: Dim[]): { data: ChartData; catDim: Dim; cut: boolean } {
  const count = (d: Dim) => table.values(d).filter((v) => v !== 'total').length;
  const order: Dim[] = ['pe', 'ou', 'item', 'level', 'dx', 'sex'];
  // On the axis: the dimension with the most values (periods first on a tie).
  let catDim: Dim = dims.includes('pe') ? 'pe' : dims[0];
  for (const d of order) if (dims.includes(d) && count(d) > 1 && count(d) > (count(catDim) > 1 ? count(catDim) : 1)) catDim = d;
  const isSplit = (d: Dim) => (SPLITS as string[]).includes(d);
  const splitDims = dims.filter(isSplit);
  const rest = dims.filter((d) => d !== catDim && (count(d) > 1 || isSplit(d)));
  const cats = table.values(catDim).filter((v) => v !== 'total');
  const series = new Map<string, { name: string; stack: string; values: (number | null)[] }>();
  for (const r of table.answer.rows) {
    // The split totals are for the table; the chart draws the parts.
    if (splitDims.some((d) => d !== catDim && table.get(r, d) === 'total' && count(d) > 0)) continue;
    const c = cats.indexOf(table.get(r, catDim));
    if (c < 0) continue;
    const ids = rest.map((d) => table.get(r, d));
    const id = ids.join('|');
    const stack = rest.filter((d) => !isSplit(d)).map((d) => table.get(r, d)).join('|') || 'all';
    if (!series.has(id)) series.set(id, { name: ids.map((x) => table.name(x)).join(' · '), stack, values: cats.map(() => null) });
    const s = series.get(id)!;
    s.values[c] = (s.values[c] ?? 0) + table.value(r);
  }
  const all = [...series.entries()];
  return {
    catDim,
    cut: all.length > MAX_SERIES,
    data: {
      categories: cats.map((id) => ({ id, name: table.name(id) })),
      series: all.slice(0, MAX_SERIES).map(([id, s]) => ({ id, name: s.name, values: s.values, stack: s.stack })),
    },
  };
}
