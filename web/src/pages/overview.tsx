// "Tổng quan" (#/tong-quan, #/tong-quan/{unitId}?pe=2024): a unit's dashboard from the
// analytics engine — its targets with progress, the key figures of a year, and charts of the
// main figures over the years and over its child units, each with its table one click away,
// and the reporting timeliness from the completeness route. Everything is live: a report
// accepted a moment ago is in the next load (the "as of" line says how fresh).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Completeness, type UnitWithAncestors } from '../api';
import {
  analyticsApi,
  chartData,
  Table,
  type AsOf,
  type ChartData,
  type Indicator,
  type TargetProgress,
  type TargetStatus,
} from '../analytics-api';
import type { ChartOptions } from '../charts/bars';
import { ChartFigure } from '../components/chart';
import { errorText, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { formatDateTime, formatFigure, formatNumber, formatShare, todayVN } from '../format';
import { t, type MessageKey } from '../i18n';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';

export const PEOPLE = 'action_month_results.activities.people';
export const COUNT = 'action_month_results.activities.count';
const TEMPLATE = 'action_month_results';
const YEAR_NOW = Number(todayVN().slice(0, 4));
const YEARS = Array.from({ length: 6 }, (_, i) => String(YEAR_NOW - 5 + i));

const SEX_COLORS = ['#0f4c81', '#c2410c', '#4f5966'];
const BAR_STACKED: ChartOptions = { kind: 'bar', stacked: true, colors: SEX_COLORS };
const BAR_H_STACKED: ChartOptions = { kind: 'bar', stacked: true, horizontal: true, colors: SEX_COLORS };
const BAR_H: ChartOptions = { kind: 'bar', horizontal: true };
const BAR_LEVELS: ChartOptions = { kind: 'bar', stacked: true };
const TIMELINESS: ChartOptions = { kind: 'bar', stacked: true, colors: ['#15803d', '#b45309', '#b42318'] };

/** The dashboard's link for a unit (and year). */
export function overviewHref(unitId: string, pe?: string): string {
  return href(['tong-quan', unitId], { pe });
}

const STATUS_CLASS: Record<TargetStatus, string> = {
  met: 'tag tag--ok',
  on_track: 'tag tag--info',
  at_risk: 'tag tag--warn',
  missed: 'tag tag--bad',
  no_data: 'tag',
};

interface Loaded {
  years: Table;
  types: Table;
  levels: Table;
  children: Table | null;
}

export function OverviewPage({ route }: { route: Route }) {
  useTitle(t('an.overview'));
  const { user } = useSession();
  const unitId = route.segments[1] || user.unit_id;
  const peParam = /^\d{4}$/.test(route.params.get('pe') ?? '') ? (route.params.get('pe') as string) : '';
  const [unit, setUnit] = useState<UnitWithAncestors | null>(null);
  const [years, setYears] = useState<Table | null>(null);
  const [rest, setRest] = useState<Omit<Loaded, 'years'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<TargetProgress[] | null>(null);
  const [progressError, setProgressError] = useState<unknown>(null);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [timeliness, setTimeliness] = useState<Record<string, Completeness | null> | null>(null);

  useEffect(() => {
    setUnit(null);
    api.unit(unitId).then(setUnit, () => setUnit(null));
  }, [unitId]);

  // The figures over the years tell which year has data: that one is shown unless ?pe= says.
  useEffect(() => {
    setYears(null);
    setError(null);
    analyticsApi
      .query({ dx: PEOPLE, pe: YEARS.join(','), ou: unitId, by: 'sex' })
      .then((a) => setYears(new Table(a)))
      .catch(setError);
  }, [unitId]);

  const latest = useMemo(() => {
    if (!years) return '';
    const withData = YEARS.filter((y) => (years.sum({ pe: y }) ?? 0) > 0);
    return withData[withData.length - 1] ?? String(YEAR_NOW);
  }, [years]);
  const year = peParam || latest;

  useEffect(() => {
    if (!year) return;
    setRest(null);
    Promise.all([
      analyticsApi.query({ dx: COUNT, pe: year, ou: unitId, by: 'item' }),
      analyticsApi.query({ dx: COUNT, pe: YEARS.join(','), ou: unitId, by: 'level' }),
      analyticsApi.query({ dx: PEOPLE, pe: year, ou: unitId + ';CHILDREN', by: 'sex' }).catch(() => null),
    ])
      .then(([types, levels, children]) =>
        setRest({ types: new Table(types), levels: new Table(levels), children: children ? new Table(children) : null }),
      )
      .catch(setError);
  }, [unitId, year]);

  useEffect(() => {
    setProgress(null);
    setProgressError(null);
    analyticsApi
      .progress(unitId)
      .then((p) => setProgress(p.items))
      .catch(setProgressError);
    analyticsApi
      .indicators()
      .then((r) => setIndicators(r.items))
      .catch(() => undefined);
  }, [unitId]);

  useEffect(() => {
    setTimeliness(null);
    Promise.all(
      YEARS.map((y) =>
        api.completeness({ template: TEMPLATE, period: y + 'AM', unit: unitId }).then(
          (c) => [y, c] as const,
          () => [y, null] as const,
        ),
      ),
    ).then((pairs) => setTimeliness(Object.fromEntries(pairs)));
  }, [unitId]);

  // Chart data, computed once per answer (a new object redraws the chart).
  const charts = useMemo(
    () => ({
      people: years ? chartData(years, 'pe', 'sex', {}, YEARS) : null,
      types: rest ? chartData(rest.types, 'item', null) : null,
      levels: rest ? chartData(rest.levels, 'pe', 'level', {}, YEARS) : null,
      children: rest?.children ? chartData(rest.children, 'ou', 'sex', {}, rest.children.values('ou').filter((o) => o !== unitId)) : null,
      timeliness: timeliness ? timelinessData(timeliness) : null,
    }),
    [years, rest, timeliness],
  );
  const unitName = unit ? unit.full_name || unit.name : unitId === user.unit_id ? user.unit_name : '';
  const asOf = years?.answer.as_of;
  const go = (pe: string) => navigate(overviewHref(unitId, pe), true);

  return (
    <section class="page overview" data-overview={unitId}>
      <PageHeader title={t('an.overview')}>
        <div class="page-header__actions">
          <a class="button" href={href(['phan-tich'], { dx: PEOPLE, pe: YEARS.join(','), ou: unitId, by: 'sex' })}>
            {t('an.openPivot')}
          </a>
          <a class="button" href={href(['ban-do'])}>
            {t('an.openMap')}
          </a>
        </div>
      </PageHeader>
      {unit && unit.ancestors.length > 0 && (
        <nav aria-label={t('an.upUnits')}>
          <ol class="breadcrumb">
            {unit.ancestors.map((a) => (
              <li key={a.id}>
                <a href={overviewHref(a.id, year)}>{a.full_name || a.name}</a>
              </li>
            ))}
            <li aria-current="page">{unit.full_name || unit.name}</li>
          </ol>
        </nav>
      )}
      <div class="overview__bar panel" role="search">
        <p class="overview__unit">
          <span class="muted">{t('an.unit')}: </span>
          <strong data-testid="overview-unit">{unitName}</strong>
        </p>
        <div class="field field--inline">
          <label for="overview-year">{t('an.year')}</label>
          <select id="overview-year" value={year} onChange={(e) => go((e.target as HTMLSelectElement).value)}>
            {YEARS.slice()
              .reverse()
              .map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
          </select>
        </div>
        <AsOfLine asOf={asOf} />
      </div>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      <Notes notes={years?.answer.meta.notes} />

      <h2>{t('an.targets')}</h2>
      {progressError != null && <Notice kind="error">{errorText(progressError)}</Notice>}
      {progress === null && progressError == null && <Loading />}
      {progress && progress.length === 0 && <p class="muted">{t('an.noTargets')}</p>}
      {progress && progress.length > 0 && (
        <ul class="target-cards" data-testid="target-cards">
          {sortTargets(progress).map((p) => (
            <TargetCard key={p.target.id} p={p} indicator={indicators.find((i) => i.code === p.target.indicator || i.id === p.target.indicator)} />
          ))}
        </ul>
      )}

      <h2>{t('an.keyFigures', { year })}</h2>
      {years === null && error == null && <Loading />}
      {years && <KeyFigures years={years} year={year} types={rest?.types ?? null} completeness={timeliness?.[year] ?? null} />}

      <h2>{t('an.charts')}</h2>
      <div class="chart-grid">
        {charts.people && (
          <ChartFigure
            id="chart-people-years"
            title={t('an.chart.peopleByYear')}
            data={charts.people}
            options={BAR_STACKED}
            categoryLabel={t('an.col.year')}
          />
        )}
        {charts.types && (
          <ChartFigure
            id="chart-types"
            title={t('an.chart.byType', { year })}
            data={charts.types}
            options={BAR_H}
            categoryLabel={t('an.col.type')}
          />
        )}
        {charts.levels && (
          <ChartFigure
            id="chart-levels"
            title={t('an.chart.byLevel')}
            data={charts.levels}
            options={BAR_LEVELS}
            categoryLabel={t('an.col.year')}
          />
        )}
        {charts.children && (
          <ChartFigure
            id="chart-children"
            title={t('an.chart.byChild', { year })}
            data={charts.children}
            options={BAR_H_STACKED}
            categoryLabel={t('an.col.unit')}
            categoryHref={(id) => overviewHref(id, year)}
          />
        )}
        {charts.timeliness && (
          <ChartFigure
            id="chart-timeliness"
            title={t('an.chart.timeliness')}
            data={charts.timeliness}
            options={TIMELINESS}
            categoryLabel={t('an.col.year')}
            note={t('an.timelinessNote')}
          />
        )}
        {(!rest || !timeliness) && error == null && <Loading />}
      </div>
    </section>
  );
}

/** The years from the first one anybody reported (all "missing" before that says nothing). */
function timelinessData(byYear: Record<string, Completeness | null>): ChartData {
  const expected = YEARS.filter((y) => byYear[y] && byYear[y]!.expected > 0);
  const first = expected.findIndex((y) => byYear[y]!.submitted > 0);
  const ys = first >= 0 ? expected.slice(first) : expected.slice(-1);
  const pick = (f: (c: Completeness) => number) => ys.map((y) => f(byYear[y]!));
  return {
    categories: ys.map((y) => ({ id: y, name: y })),
    series: [
      { id: 'on_time', name: t('an.onTime'), values: pick((c) => c.on_time) },
      { id: 'late', name: t('an.late'), values: pick((c) => c.late) },
      { id: 'missing', name: t('an.missing'), values: pick((c) => c.missing) },
      { id: 'expected', name: t('an.expected'), values: pick((c) => c.expected), tableOnly: true },
    ],
  };
}

function KeyFigures({ years, year, types, completeness }: { years: Table; year: string; types: Table | null; completeness: Completeness | null }) {
  const total = years.sum({ pe: year, sex: 'total' }) ?? years.sum({ pe: year });
  const female = years.sum({ pe: year, sex: 'female' });
  const activities = types ? (types.sum({ item: 'total' }) ?? types.sum({})) : null;
  return (
    <dl class="key-figures" data-testid="key-figures">
      <div class="key-figure" data-figure="people">
        <dt>{t('an.fig.people')}</dt>
        <dd>{total === null ? t('an.none') : formatNumber(total)}</dd>
      </div>
      <div class="key-figure" data-figure="female">
        <dt>{t('an.fig.female')}</dt>
        <dd>
          {female === null ? t('an.none') : formatNumber(female)}
          {female !== null && total ? <span class="key-figure__sub"> ({formatShare(female / total)})</span> : null}
        </dd>
      </div>
      <div class="key-figure" data-figure="activities">
        <dt>{t('an.fig.activities')}</dt>
        <dd>{activities === null ? (types ? t('an.none') : '…') : formatNumber(activities)}</dd>
      </div>
      <div class="key-figure" data-figure="on-time">
        <dt>{t('an.fig.onTime')}</dt>
        <dd>
          {completeness && completeness.expected > 0
            ? t('an.fig.onTimeValue', { n: formatNumber(completeness.on_time), of: formatNumber(completeness.expected), rate: formatShare(completeness.on_time_rate) })
            : t('an.none')}
        </dd>
      </div>
    </dl>
  );
}

/** Targets with a value first, then by year. */
function sortTargets(list: TargetProgress[]): TargetProgress[] {
  return [...list].sort((a, b) => Number(a.value === null) - Number(b.value === null) || a.target.year - b.target.year);
}

const COMPARATOR: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

function TargetCard({ p, indicator }: { p: TargetProgress; indicator?: Indicator }) {
  const percent = !indicator || indicator.factor === 100;
  const decimals = indicator?.decimals ?? 1;
  const fmt = (v: number | null) => (v === null ? t('an.none') : formatFigure(v, { decimals, percent }));
  const trend = p.trend.filter((x) => x.value !== null);
  return (
    <li class="target-card panel" data-target={p.target.id} data-status={p.status}>
      <h3 class="target-card__name">{p.target.indicator_name}</h3>
      <p class="target-card__value">
        {p.value !== null && <span class="target-card__number">{fmt(p.value)}</span>}
        {p.value !== null && p.value_year ? <span class="muted">({t('an.yearLabel', { y: p.value_year })})</span> : null}
        <span class={STATUS_CLASS[p.status] ?? 'tag'}>{p.status_label || t(('an.status.' + p.status) as MessageKey)}</span>
      </p>
      <p class="target-card__goal">
        {t('an.targetGoal', { cmp: COMPARATOR[p.target.comparator] ?? p.target.comparator, value: fmt(p.target.value), year: p.target.year })}
      </p>
      {p.target.source && (
        <p class="target-card__source muted" title={p.target.source}>
          {p.target.source}
        </p>
      )}
      {p.note && <p class="target-card__note muted">{p.note}</p>}
      {trend.length > 0 && (
        <details>
          <summary>{t('an.trend')}</summary>
          <table class="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('an.col.year')}</th>
                <th scope="col" class="num">
                  {t('an.value')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.trend.map((x) => (
                <tr key={x.year}>
                  <th scope="row">{x.year}</th>
                  <td class="num">{fmt(x.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </li>
  );
}

/** What the answer left out or could not count, and why (partial merges, suppressed cells). */
export function Notes({ notes }: { notes?: string[] }) {
  if (!notes || notes.length === 0) return null;
  return (
    <ul class="an-notes muted" data-testid="analytics-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

/** "Số liệu tính đến 05:10 02/12/2026 (thay đổi lần cuối …)". */
export function AsOfLine({ asOf }: { asOf?: AsOf }) {
  if (!asOf) return null;
  return (
    <p class="as-of muted" data-testid="as-of" data-sequence={asOf.sequence}>
      {t('an.asOf', { time: formatDateTime(asOf.checked_at, true) })}
      {asOf.changed_at ? ' · ' + t('an.changedAt', { time: formatDateTime(asOf.changed_at) }) : ''}
    </p>
  );
}
