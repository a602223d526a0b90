// Reports: the inbox (reports to do and received, with deadlines), the data-entry page that
// mirrors the template (narratives and tables with running totals; drafts save themselves),
// the reviewer's return / accept, the consolidation with drill-down, and completeness.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Completeness, type Consolidated, type Report, type ReportTemplate } from '../api';
import { currentActionMonth, PeriodPicker } from '../components/period-picker';
import { errorText, Field, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { formatDate, formatDateTime, formatNumber, periodLabel } from '../format';
import { getLang, t, type MessageKey } from '../i18n';
import { href, navigate, type Route } from '../router';
import { isAdmin, useSession } from '../session';
import { cellPart, LEVEL_NAMES } from '../report-merge';
import { DeviceReports, ReportPage, StatusTag } from './report-entry';
import { ReportTemplatesPage } from './report-templates';

const DEFAULT_TEMPLATE = 'action_month_results';
// The period pages open on: this year's action month (Asia/Ho_Chi_Minh).
const DEFAULT_PERIOD = currentActionMonth();

export function ReportsPage({ route }: { route: Route }) {
  const sub = route.segments[1];
  if (sub === 'consolidated') return <ConsolidationPage params={route.params} />;
  if (sub === 'completeness') return <CompletenessPage params={route.params} />;
  if (sub === 'templates') return <ReportTemplatesPage id={route.segments[2]} />;
  if (sub) return <ReportPage id={sub} />;
  return <InboxPage params={route.params} />;
}

function StateTag({ state }: { state: string }) {
  const key: Record<string, MessageKey> = {
    on_time: 'reports.onTime',
    late: 'reports.late',
    missing: 'reports.missing',
    draft: 'reports.status.draft',
    returned: 'reports.status.returned',
  };
  const cls = state === 'on_time' ? 'tag--ok' : state === 'late' ? 'tag--warn' : 'tag--off';
  return <span class={'tag ' + cls}>{t(key[state] ?? 'reports.missing')}</span>;
}

function InboxPage({ params }: { params: URLSearchParams }) {
  const { user } = useSession();
  useTitle(t('reports.title'));
  const [period, setPeriod] = useState(params.get('period') ?? DEFAULT_PERIOD);
  const [items, setItems] = useState<Report[] | null>(null);
  const [templates, setTemplates] = useState<ReportTemplate[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [newPeriod, setNewPeriod] = useState(DEFAULT_PERIOD);
  const [error, setError] = useState<unknown>(null);
  const canEnter = user.roles.includes('reporter') || user.roles.includes('admin');

  const load = useCallback(() => {
    setItems(null);
    api
      .reports({ period, limit: 500 })
      .then((p) => setItems(p.items))
      .catch((e) => {
        setError(e);
        setItems([]);
      });
  }, [period]);
  useEffect(load, [load]);
  useEffect(() => {
    api.reportTemplates().then((p) => {
      setTemplates(p.items);
      if (p.items.length) setTemplateId(p.items[0].id);
    });
  }, []);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.createReport({ template_id: templateId, unit_id: user.unit_id, period: newPeriod });
      navigate(href(['reports', r.id]));
    } catch (err) {
      setError(err);
    }
  };
  const template = templates.find((x) => x.id === templateId);

  return (
    <section class="page">
      <PageHeader title={t('reports.title')} />
      <div class="toolbar">
        <form
          class="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            load();
          }}
        >
          <PeriodPicker id="inbox-period" value={period} onChange={setPeriod} />
          <div class="form-actions">
            <button class="button" type="submit">
              {t('reports.filter')}
            </button>
            <a class="button" href={href(['reports', 'consolidated'], { template: template?.code ?? DEFAULT_TEMPLATE, period, unit: user.unit_id })}>
              {t('reports.consolidated')}
            </a>
            <a class="button" href={href(['reports', 'completeness'], { template: template?.code ?? DEFAULT_TEMPLATE, period, unit: user.unit_id })}>
              {t('reports.completeness')}
            </a>
            {isAdmin(user) && (
              <a class="button" href={href(['reports', 'templates'])}>
                {t('templates.title')}
              </a>
            )}
          </div>
        </form>
      </div>
      {!!error && <Notice kind="error">{errorText(error)}</Notice>}
      {canEnter && <DeviceReports offline={error instanceof ApiError && error.status === 0} />}
      {canEnter && (
        <form class="panel" onSubmit={create} aria-label={t('reports.new')}>
          <h2 class="panel__title">{t('reports.new')}</h2>
          <div class="form-grid">
            <Field id="new-template" label={t('reports.template')}>
              <select id="new-template" value={templateId} onChange={(e) => setTemplateId((e.target as HTMLSelectElement).value)}>
                {templates.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.title}
                  </option>
                ))}
              </select>
            </Field>
            <PeriodPicker id="new-period" value={newPeriod} onChange={setNewPeriod} />
          </div>
          <div class="form-actions">
            <button class="button button--primary" type="submit">
              {t('reports.create')}
            </button>
          </div>
        </form>
      )}
      {items === null ? (
        <Loading />
      ) : (
        <>
          <ReportList
            title={t('reports.todo')}
            items={items.filter((r) => r.unit_id === user.unit_id && (r.status === 'draft' || r.status === 'returned'))}
          />
          {(user.roles.includes('reviewer') || isAdmin(user)) && (
            <ReportList title={t('reports.toReview')} items={items.filter((r) => r.status === 'submitted')} />
          )}
          <ReportList title={t('reports.inbox')} items={items} />
        </>
      )}
    </section>
  );
}

function ReportList({ title, items }: { title: string; items: Report[] }) {
  return (
    <div class="detail-section">
      <h2>
        {title} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p class="muted">{t('reports.none')}</p>
      ) : (
        <table class="table table--responsive">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th>{t('reports.unit')}</th>
              <th>{t('reports.period')}</th>
              <th>{t('reports.due')}</th>
              <th>{t('reports.status')}</th>
              <th>{t('reports.submittedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={href(['reports', r.id])}>{r.unit_name}</a>
                </td>
                <td>{r.period_label}</td>
                <td class="nowrap">{formatDate(r.due_date)}</td>
                <td>
                  <StatusTag report={r} />
                </td>
                <td class="nowrap">{formatDateTime(r.submitted_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function useSumQuery(params: URLSearchParams) {
  const { user } = useSession();
  return {
    template: params.get('template') ?? DEFAULT_TEMPLATE,
    period: params.get('period') ?? DEFAULT_PERIOD,
    unit: params.get('unit') ?? user.unit_id,
  };
}

function ConsolidationPage({ params }: { params: URLSearchParams }) {
  const q = useSumQuery(params);
  const { user } = useSession();
  const [data, setData] = useState<Consolidated | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(t('reports.consolidated'));
  useEffect(() => {
    setData(null);
    api.consolidated(q).then(setData).catch(setError);
  }, [q.template, q.period, q.unit]);
  if (!data) return <section class="page">{error ? <Notice kind="error">{errorText(error)}</Notice> : <Loading />}</section>;
  const canDraft = user.roles.includes('admin') || (user.roles.includes('reporter') && user.unit_id === data.unit_id);
  const makeDraft = async () => {
    try {
      const r = await api.draftFromConsolidation({ template: q.template, period: q.period, unit_id: data.unit_id });
      navigate(href(['reports', r.id]));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="page">
      <PageHeader title={t('reports.consolidatedOf', { unit: data.unit_name })}>
        <p>
          {data.template.title} — {periodLabel(data.period, getLang() === 'en')} —{' '}
          <a href={href(['reports', 'completeness'], q)}>{t('reports.completeness')}</a>
        </p>
      </PageHeader>
      {!!error && <Notice kind="error">{errorText(error)}</Notice>}
      {canDraft && (
        <p>
          <button type="button" class="button button--primary" onClick={() => void makeDraft()}>
            {t('reports.makeDraft')}
          </button>{' '}
          <a class="button" href={`/api/v1/reports/consolidated/xlsx?template=${q.template}&period=${q.period}&unit=${q.unit}`}>
            {t('reports.xlsx')}
          </a>
        </p>
      )}
      <p>
        <a class="button button--small" download href={`/api/v1/reports/consolidated/document.docx?template=${q.template}&period=${q.period}&unit=${q.unit}`}>
          {t('reports.docx')}
        </a>{' '}
        <a class="button button--small" download href={`/api/v1/reports/consolidated/document.pdf?template=${q.template}&period=${q.period}&unit=${q.unit}`}>
          {t('reports.pdf')}
        </a>
      </p>
      {data.template.tables.map((table) => {
        const sums = data.tables.find((x) => x.key === table.key);
        return (
          <div class="detail-section" key={table.key}>
            <h3>{table.title}</h3>
            <div style="overflow-x:auto">
            <table class="table" aria-label={table.title}>
              <thead>
                <tr>
                  <th rowSpan={2}>{table.item_label}</th>
                  <th rowSpan={2}>{t('reports.level')}</th>
                  {table.columns.map((c) => (c.by_sex ? <th key={c.key} colSpan={2}>{c.name}</th> : <th key={c.key} rowSpan={2}>{c.name}</th>))}
                </tr>
                <tr>
                  {table.columns.filter((c) => c.by_sex).flatMap((c) => [<th key={c.key + 'm'}>{t('reports.male')}</th>, <th key={c.key + 'f'}>{t('reports.female')}</th>])}
                </tr>
              </thead>
              <tbody>
                {(sums?.rows ?? []).map((r) => (
                  <tr key={r.item + r.level}>
                    <td>{r.name}</td>
                    <td>{LEVEL_NAMES[r.level]}</td>
                    {table.columns.flatMap((c) =>
                      (c.by_sex ? (['male', 'female'] as const) : (['total'] as const)).map((p) => <td key={c.key + p}>{formatNumber(cellPart(r.values[c.key], p))}</td>),
                    )}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid={'total-' + table.key}>
                  <th colSpan={2}>{t('reports.total')}</th>
                  {table.columns.flatMap((c) =>
                    (c.by_sex ? (['male', 'female'] as const) : (['total'] as const)).map((p) => <th key={c.key + p}>{formatNumber(cellPart(sums?.totals[c.key], p))}</th>),
                  )}
                </tr>
              </tfoot>
            </table>
            </div>
          </div>
        );
      })}
      <h2>{t('reports.included', { n: data.included_units.length })}</h2>
      <ul class="link-list">
        {data.included_units.map((u) => (
          <li key={u.id}>
            <a href={href(['reports', 'consolidated'], { ...q, unit: u.id })}>{u.name}</a>{' '}
            <a class="small" href={href(['reports'], {})} onClick={(e) => { e.preventDefault(); void api.reports({ unit: u.id, template: q.template, period: q.period }).then((p) => { const own = p.items.find((x) => x.unit_id === u.id); if (own) navigate(href(['reports', own.id])); }); }}>
              ({t('reports.open')})
            </a>
          </li>
        ))}
      </ul>
      <h2>{t('reports.narratives')}</h2>
      {data.template.sections.map((s) => {
        const list = data.narratives.filter((n) => n.section === s.key);
        if (!list.length) return null;
        return (
          <div key={s.key} class="detail-section">
            <h3>{s.title}</h3>
            {list.map((n) => (
              <p key={n.unit_id}>
                <strong>{n.unit_name}:</strong> {n.text}
              </p>
            ))}
          </div>
        );
      })}
    </section>
  );
}

function CompletenessPage({ params }: { params: URLSearchParams }) {
  const q = useSumQuery(params);
  const { user } = useSession();
  const [data, setData] = useState<Completeness | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reminded, setReminded] = useState<string | null>(null);
  const [reminding, setReminding] = useState(false);
  const canRemind = user.roles.includes('admin') || user.roles.includes('reviewer');
  const remind = async () => {
    if (!data) return;
    setReminding(true);
    setReminded(null);
    try {
      const r = await api.remind({ template: q.template, period: q.period, unit_id: data.unit_id });
      setError(null);
      let text = t('reports.reminded', { units: formatNumber(r.units), users: formatNumber(r.users) });
      if (r.without_reporter.length > 0) {
        text += ' ' + t('reports.remindedWithout', { n: formatNumber(r.without_reporter.length) });
      }
      setReminded(text);
    } catch (e) {
      setError(e);
    } finally {
      setReminding(false);
    }
  };
  useTitle(t('reports.completeness'));
  useEffect(() => {
    setData(null);
    api.completeness(q).then(setData).catch(setError);
  }, [q.template, q.period, q.unit]);
  if (!data) return <section class="page">{error ? <Notice kind="error">{errorText(error)}</Notice> : <Loading />}</section>;
  const pct = (x: number) => Math.round(x * 100) + '%';
  return (
    <section class="page">
      <PageHeader title={t('reports.completenessOf', { unit: data.unit_name })}>
        <p>
          {periodLabel(q.period, getLang() === 'en')} — {t('reports.due')}: {formatDate(data.due_date)} —{' '}
          <a href={href(['reports', 'consolidated'], q)}>{t('reports.consolidated')}</a>
        </p>
      </PageHeader>
      {!!error && <Notice kind="error">{errorText(error)}</Notice>}
      {reminded && <Notice kind="success">{reminded}</Notice>}
      {canRemind && data.missing > 0 && (
        <p>
          <button type="button" class="button" disabled={reminding} onClick={() => void remind()}>
            {reminding ? t('reports.reminding') : t('reports.remind', { n: formatNumber(data.missing) })}
          </button>{' '}
          <span class="hint">{t('reports.remindHint')}</span>
        </p>
      )}
      <dl class="facts" data-testid="completeness-summary">
        <dt>{t('reports.expected')}</dt>
        <dd>{data.expected}</dd>
        <dt>{t('reports.submittedCount')}</dt>
        <dd>
          {data.submitted} ({pct(data.submitted_rate)})
        </dd>
        <dt>{t('reports.onTime')}</dt>
        <dd>
          {data.on_time} ({pct(data.on_time_rate)})
        </dd>
        <dt>{t('reports.late')}</dt>
        <dd>{data.late}</dd>
        <dt>{t('reports.missing')}</dt>
        <dd>{data.missing}</dd>
      </dl>
      <table class="table table--responsive">
        <caption class="visually-hidden">{t('reports.completeness')}</caption>
        <thead>
          <tr>
            <th>{t('reports.unit')}</th>
            <th>{t('reports.status')}</th>
            <th>{t('reports.submittedAt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.children.map((c) => (
            <tr key={c.unit_id}>
              <td>{c.report ? <a href={href(['reports', c.report.id])}>{c.unit_name}</a> : c.unit_name}</td>
              <td>
                <StateTag state={c.state} />
              </td>
              <td class="nowrap">{formatDateTime(c.report?.submitted_at)}</td>
              <td>
                <a class="small" href={href(['reports', 'completeness'], { ...q, unit: c.unit_id })}>
                  {t('reports.drill')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
