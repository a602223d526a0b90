// "Thống kê vụ việc" (#/vu-viec/thong-ke): the only figures that leave the case module —
// anonymised counts of a unit for a year (GET /case-statistics), each breakdown a table with
// Vietnamese labels, small cells suppressed by the server ("<5", "*"); below, the annual report
// of Thông tư 07/2017/TT-BVHTTDL (GET /case-statistics/report) as the official table.
import { useEffect, useState } from 'preact/hooks';
import { api, request } from '../api';
import { errorText, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { formatNumber, todayVN } from '../format';
import { t, type MessageKey } from '../i18n';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';

interface Code {
  code: string;
  label: string;
}
type Codes = Record<string, Code[]>;
type Cells = Record<string, string>;
interface Statistics {
  unit_id: string;
  period_label?: string;
  total: string;
  counted?: string;
  not_counted_no_consent?: string;
  incidents?: string;
  sought_help?: string | Cells;
  needed_support?: string | Cells;
  received_support?: string | Cells;
  suppressed_below?: number;
  [breakdown: string]: unknown;
}
interface ReportRow {
  /** The indicator's number in the official form ("1", "1.1"); STT. */
  code: string;
  label: string;
  /** Đơn vị tính: "Vụ", "Người"… */
  unit?: string;
  level: number;
  /** null for a heading row without a figure of its own. */
  value: string | null;
}
interface Report {
  title: string;
  basis?: string;
  note?: string;
  unit_name: string;
  period_label: string;
  rows: ReportRow[];
}

/** The breakdowns shown, in order: the answer's key, the title, the /case-codes list of labels. */
const BREAKDOWNS: { key: string; title: MessageKey; codes: string }[] = [
  { key: 'by_sex', title: 'stats.bySex', codes: 'sexes' },
  { key: 'by_age_band', title: 'stats.byAge', codes: 'age_bands' },
  { key: 'by_dv_age_group', title: 'stats.byDvAge', codes: 'dv_age_groups' },
  { key: 'by_gbv_type', title: 'stats.byGbv', codes: 'gbv_types' },
  { key: 'by_dv_form', title: 'stats.byDv', codes: 'dv_forms' },
  { key: 'by_measure', title: 'stats.byMeasure', codes: 'measure_types' },
  { key: 'by_service', title: 'stats.byService', codes: 'service_kinds' },
  { key: 'by_reported_by', title: 'stats.byReporter', codes: 'reported_by' },
  { key: 'sought_help', title: 'stats.soughtHelp', codes: 'reported_by' },
  { key: 'received_support', title: 'stats.receivedSupport', codes: 'service_kinds' },
];

/** A cell as the reader sees it: "1.234", or the suppression marks as they are. */
export function cellText(cell: string | number | null | undefined): string {
  if (cell === null || cell === undefined || cell === '') return '';
  if (typeof cell === 'number') return formatNumber(cell);
  return /^-?\d+$/.test(cell) ? formatNumber(Number(cell)) : cell;
}

const YEAR_NOW = Number(todayVN().slice(0, 4));
const YEARS = Array.from({ length: 8 }, (_, i) => String(YEAR_NOW - i));

export function CaseStatisticsPage({ route }: { route: Route }) {
  useTitle(t('stats.title'));
  const { user } = useSession();
  const pe = /^\d{4}$/.test(route.params.get('pe') ?? '') ? (route.params.get('pe') as string) : String(YEAR_NOW);
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [codes, setCodes] = useState<Codes | null>(null);
  const [stats, setStats] = useState<Statistics | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reportError, setReportError] = useState<unknown>(null);
  const hasUnits = (rows: ReportRow[]) => rows.some((r) => r.unit);
  const [unitNames, setUnitNames] = useState<Record<string, string>>({});
  const unitId = route.params.get('unit') || user.unit_id;

  useEffect(() => {
    request<Codes>('GET', '/case-codes').then(setCodes).catch(setError);
  }, []);
  useEffect(() => {
    if (unit?.id === unitId) return;
    if (unitId === user.unit_id) setUnit({ id: user.unit_id, name: user.unit_name });
    else
      api
        .unit(unitId)
        .then((u) => setUnit({ id: u.id, name: u.name }))
        .catch(() => setUnit({ id: unitId, name: '' }));
  }, [unitId]);

  useEffect(() => {
    setStats(null);
    setReport(null);
    setError(null);
    setReportError(null);
    request<Statistics>('GET', '/case-statistics', { query: { unit: unitId, pe } })
      .then(setStats)
      .catch(setError);
    request<Report>('GET', '/case-statistics/report', { query: { unit: unitId, pe } })
      .then(setReport)
      .catch(setReportError);
  }, [unitId, pe]);

  // Names of the units of the by_unit breakdown (its keys are unit ids).
  useEffect(() => {
    const byUnit = stats?.by_unit as Cells | undefined;
    if (!byUnit) return;
    const missing = Object.keys(byUnit).filter((id) => !(id in unitNames));
    if (missing.length === 0 || missing.length > 60) return;
    Promise.all(missing.map((id) => api.unit(id).then((u) => [id, u.name] as const, () => [id, ''] as const))).then((pairs) =>
      setUnitNames((n) => ({ ...n, ...Object.fromEntries(pairs) })),
    );
  }, [stats]);

  const go = (next: { unit?: string; pe?: string }) =>
    navigate(href(['vu-viec', 'thong-ke'], { unit: next.unit ?? unitId, pe: next.pe ?? pe }), true);

  const labelOf = (list: string, code: string): string => {
    const found = codes?.[list]?.find((c) => c.code === code);
    if (found) return found.label;
    if (code === 'none' || code === '') return t('stats.codeNone');
    if (code === 'unknown') return t('stats.codeUnknown');
    return t('stats.codeOther');
  };

  return (
    <section class="page" data-statistics>
      <PageHeader title={t('stats.title')} />
      <p class="muted">{t('stats.intro')}</p>
      <div class="panel form-grid" role="search">
        <UnitPicker id="stats-unit" label={t('stats.unit')} value={unit} onChange={(u) => u && go({ unit: u.id })} />
        <div class="field">
          <label for="stats-pe">{t('stats.year')}</label>
          <select id="stats-pe" value={pe} onChange={(e) => go({ pe: (e.target as HTMLSelectElement).value })}>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {stats === null && error == null && <Loading />}
      {stats && codes && (
        <>
          <div class="panel" data-stats-summary>
            <h2>{t('stats.summary', { period: stats.period_label ?? t('stats.yearLabel', { y: pe }) })}</h2>
            <dl class="facts">
              <dt>{t('stats.total')}</dt>
              <dd data-cell="total">{cellText(stats.total)}</dd>
              {stats.counted !== undefined && stats.counted !== stats.total && (
                <>
                  <dt>{t('stats.counted')}</dt>
                  <dd data-cell="counted">{cellText(stats.counted)}</dd>
                </>
              )}
              {stats.not_counted_no_consent !== undefined && (
                <>
                  <dt>{t('stats.notCounted')}</dt>
                  <dd data-cell="not_counted_no_consent">{cellText(stats.not_counted_no_consent)}</dd>
                </>
              )}
              {typeof stats.sought_help === 'string' && (
                <>
                  <dt>{t('stats.soughtHelp')}</dt>
                  <dd data-cell="sought_help">{cellText(stats.sought_help)}</dd>
                </>
              )}
              {stats.incidents !== undefined && (
                <>
                  <dt>{t('stats.incidents')}</dt>
                  <dd data-cell="incidents">{cellText(stats.incidents)}</dd>
                </>
              )}
              {typeof stats.needed_support === 'string' && (
                <>
                  <dt>{t('stats.neededSupport')}</dt>
                  <dd data-cell="needed_support">{cellText(stats.needed_support)}</dd>
                </>
              )}
              {typeof stats.received_support === 'string' && (
                <>
                  <dt>{t('stats.receivedSupport')}</dt>
                  <dd data-cell="received_support">{cellText(stats.received_support)}</dd>
                </>
              )}
            </dl>
          </div>
          <div class="stats-grid">
            {BREAKDOWNS.filter((b) => stats[b.key] && typeof stats[b.key] === 'object').map((b) => (
              <Breakdown key={b.key} id={b.key} title={t(b.title)} cells={stats[b.key] as Cells} order={codes[b.codes]} label={(c) => labelOf(b.codes, c)} />
            ))}
            {stats.by_unit && typeof stats.by_unit === 'object' && Object.keys(stats.by_unit as Cells).length > 0 && (
              <Breakdown id="by_unit" title={t('stats.byUnit')} cells={stats.by_unit as Cells} label={(id) => unitNames[id] || t('stats.unitUnnamed')} />
            )}
          </div>
          <p class="small muted" data-footnote>
            <strong>{t('stats.footnoteTitle')}</strong> {t('stats.footnoteSmall', { n: stats.suppressed_below ?? 5, m: (stats.suppressed_below ?? 5) - 1 })} {t('stats.footnoteStar')} {t('stats.footnoteConsent')}
          </p>
        </>
      )}
      <div class="panel" data-tt07>
        {reportError != null && <Notice kind="error">{errorText(reportError)}</Notice>}
        {report === null && reportError == null && <Loading />}
        {report && (
          <>
            <p class="small muted">{report.basis || t('stats.reportBasis')}</p>
            <h2 class="report-title">{report.title}</h2>
            <p>
              {report.unit_name} — {report.period_label}
            </p>
            <div class="table-scroll">
            <table class="table report-table">
              <thead>
                <tr>
                  <th scope="col" class="report-table__no">
                    {t('stats.no')}
                  </th>
                  <th scope="col">{t('stats.indicator')}</th>
                  {hasUnits(report.rows) && <th scope="col">{t('stats.measureUnit')}</th>}
                  <th scope="col" class="num">
                    {t('stats.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {numbered(report.rows).map(({ row, no }, n) => (
                  <tr key={n} class={row.level > 0 ? 'report-table__sub' : undefined} data-row={row.code}>
                    <td class="report-table__no">{no}</td>
                    <td class={'report-table__label report-table__l' + Math.min(row.level, 3)}>{row.level === 0 ? <strong>{row.label}</strong> : row.label}</td>
                    {hasUnits(report.rows) && <td class="report-table__unit">{row.unit}</td>}
                    <td class="num">{cellText(row.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
            <p class="small muted">{report.note || t('stats.reportFootnote')}</p>
          </>
        )}
      </div>
    </section>
  );
}

/** STT of the official table: the form's own number, else 1, 2, … and 1.1, 1.2, … under them. */
function numbered(rows: ReportRow[]): { row: ReportRow; no: string }[] {
  let top = 0;
  let sub = 0;
  return rows.map((row) => {
    if (row.code && /^[0-9IVX]/.test(row.code)) return { row, no: row.code };
    if (row.level <= 0) {
      top += 1;
      sub = 0;
      return { row, no: String(top) };
    }
    sub += 1;
    return { row, no: top + '.' + sub };
  });
}

function Breakdown({ id, title, cells, label, order }: { id: string; title: string; cells: Cells; label: (code: string) => string; order?: Code[] }) {
  // The list's own order (GBVIMS, the Law), not the alphabetical order of the JSON keys.
  const rank = new Map((order ?? []).map((c, i) => [c.code, i]));
  const entries = Object.entries(cells).sort(([a], [b]) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9));
  return (
    <div class="panel" data-breakdown={id}>
      <table class="table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.group')}</th>
            <th scope="col" class="num">
              {t('stats.cases')}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={2} class="muted">
                {t('stats.noData')}
              </td>
            </tr>
          )}
          {entries.map(([code, cell]) => (
            <tr key={code}>
              <th scope="row">{label(code)}</th>
              <td class="num">{cellText(cell)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
