// Plans (#/plans...): the list with filters, a new plan, the plan editor whose sections follow
// the official document (I. Mục đích, yêu cầu — II. Nội dung — III. Tổ chức thực hiện) with its
// activity table, issuing, deriving a lower unit's plan, the cascade and the timeline.
import { useEffect, useState } from 'preact/hooks';
import {
  api,
  ApiError,
  type Activity,
  type Cascade,
  type CascadeEntry,
  type MessageGroup,
  type Plan,
  type PlanKind,
} from '../api';
import { describedBy, errorText, Field, fieldError, generalError, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { AttachmentsPanel } from '../components/attachments';
import { BasesEditor, BudgetEditor, TargetsEditor, contentBody, contentDraftOf, contentErrors, CONTENT_FIELDS, RecipientsSignerEditor, ReportingEditor, type ContentDraft } from './plan-content';
import { PlanPreview } from './plan-preview';
import { PlanImportPage } from './plan-import';
import { formatDate, formatDateTime, parseDate, todayVN } from '../format';
import { t, type MessageKey } from '../i18n';
import { href, navigate, useRoute, type Route } from '../router';
import { useSession } from '../session';

const KINDS: PlanKind[] = ['action_month', 'programme', 'annual', 'other'];

export function kindName(k: string): string {
  return t(('plans.kind.' + k) as MessageKey);
}
export function statusName(s: string): string {
  return t(('plans.status.' + s) as MessageKey);
}
export function activityStatusName(s: string): string {
  return t(('activity.status.' + s) as MessageKey);
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function period(p: { period_start: string | null; period_end: string | null }): string {
  if (!p.period_start) return t('common.dash');
  return formatDate(p.period_start) + ' – ' + formatDate(p.period_end);
}

export function PlansModule() {
  const route = useRoute();
  const [, id, sub] = route.segments;
  if (!id) return <PlanList route={route} />;
  if (id === 'new') return <NewPlan />;
  if (id === 'import') return <PlanImportPage />;
  if (sub === 'cascade') return <CascadePage id={id} />;
  if (sub === 'timeline') return <TimelinePage id={id} />;
  if (sub === 'preview') return <PlanPreview id={id} />;
  return <PlanPage id={id} />;
}

function PlanList({ route }: { route: Route }) {
  useTitle(t('plans.title'));
  const [q, setQ] = useState(route.params.get('q') ?? '');
  const [year, setYear] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [items, setItems] = useState<Plan[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      api
        .plans({ q: q.trim(), year, kind, status, unit: unit?.id, limit: 200 })
        .then((p) => {
          setItems(p.items);
          setError(null);
        })
        .catch(setError);
    }, 200);
    return () => clearTimeout(timer);
  }, [q, year, kind, status, unit?.id]);

  return (
    <section class="page">
      <PageHeader title={t('plans.title')}>
        <a class="button" href={href(['plans', 'import'])}>
          {t('import.title')}
        </a>
        <a class="button button--primary" href={href(['plans', 'new'])}>
          {t('plans.new')}
        </a>
      </PageHeader>
      <div class="toolbar form-grid">
        <Field id="plans-q" label={t('plans.search')} hint={t('plans.searchHint')}>
          <input id="plans-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </Field>
        <Field id="plans-year" label={t('plans.year')}>
          <input id="plans-year" inputMode="numeric" value={year} onInput={(e) => setYear(e.currentTarget.value.trim())} />
        </Field>
        <Field id="plans-kind" label={t('plans.kind')}>
          <select id="plans-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">{t('plans.all')}</option>
            {KINDS.map((k) => (
              <option value={k}>{kindName(k)}</option>
            ))}
          </select>
        </Field>
        <Field id="plans-status" label={t('plans.statusLabel')}>
          <select id="plans-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">{t('plans.all')}</option>
            <option value="draft">{statusName('draft')}</option>
            <option value="issued">{statusName('issued')}</option>
          </select>
        </Field>
        <UnitPicker id="plans-unit" label={t('plans.unit')} value={unit} onChange={setUnit} />
      </div>
      {error ? <Notice kind="error">{errorText(error)}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="muted">{t('plans.none')}</p>
      ) : (
        <table class="table table--responsive">
          <thead>
            <tr>
              <th>{t('plans.number')}</th>
              <th>{t('plans.titleLabel')}</th>
              <th>{t('plans.unit')}</th>
              <th>{t('plans.period')}</th>
              <th>{t('plans.statusLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td class="nowrap">{p.number_symbol}</td>
                <td>
                  <a href={href(['plans', p.id])}>{p.title}</a>
                  <div class="small muted">{kindName(p.kind)}</div>
                </td>
                <td>{p.unit_name}</td>
                <td class="nowrap">{period(p)}</td>
                <td>
                  <span class={'tag ' + (p.status === 'issued' ? 'tag--ok' : 'tag--warn')}>{statusName(p.status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DateInput({ id, label, value, onChange, error, required }: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
}) {
  const hint = t('plans.dateHint');
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        value={value}
        placeholder="dd/mm/yyyy"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

/** "dd/mm/yyyy" text -> ISO, null when empty, undefined when not a date. */
function isoOf(text: string): string | null | undefined {
  if (!text.trim()) return null;
  return parseDate(text) ?? undefined;
}

function NewPlan() {
  useTitle(t('plans.new'));
  const { user } = useSession();
  const [unit, setUnit] = useState<PickedUnit | null>({ id: user.unit_id, name: user.unit_name });
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<PlanKind>('action_month');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [theme, setTheme] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const s = isoOf(start), en = isoOf(end);
    if (s === undefined || en === undefined) {
      setError(new ApiError(400, 'invalid_argument', t('common.fixFields'), [
        ...(s === undefined ? [{ field: 'period_start', message: t('plans.badDate') }] : []),
        ...(en === undefined ? [{ field: 'period_end', message: t('plans.badDate') }] : []),
      ]));
      return;
    }
    if (!unit) return;
    setBusy(true);
    try {
      const p = await api.createPlan({ unit_id: unit.id, title, kind, period_start: s, period_end: en, theme });
      navigate(href(['plans', p.id]));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const general = generalError(error, ['title', 'period_start', 'period_end', 'unit_id', 'kind', 'theme']);
  return (
    <section class="page">
      <PageHeader title={t('plans.new')} />
      <form class="panel" onSubmit={submit} noValidate>
        {general && <Notice kind="error">{general}</Notice>}
        <UnitPicker id="plan-unit" label={t('plans.issuer')} value={unit} onChange={setUnit} required error={fieldError(error, 'unit_id')} />
        <Field id="plan-title" label={t('plans.titleLabel')} required error={fieldError(error, 'title')}>
          <textarea id="plan-title" rows={2} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <Field id="plan-kind" label={t('plans.kind')}>
          <select id="plan-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as PlanKind)}>
            {KINDS.map((k) => (
              <option value={k}>{kindName(k)}</option>
            ))}
          </select>
        </Field>
        <div class="form-grid">
          <DateInput id="plan-start" label={t('plans.periodStart')} value={start} onChange={setStart} error={fieldError(error, 'period_start')} />
          <DateInput id="plan-end" label={t('plans.periodEnd')} value={end} onChange={setEnd} error={fieldError(error, 'period_end')} />
        </div>
        <Field id="plan-theme" label={t('plans.theme')} error={fieldError(error, 'theme')}>
          <textarea id="plan-theme" rows={2} value={theme} onInput={(e) => setTheme(e.currentTarget.value)} />
        </Field>
        <div class="form-actions">
          <button class="button button--primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('plans.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

interface Draft {
  title: string;
  place: string;
  theme: string;
  start: string;
  end: string;
  purposes: string;
  requirements: string;
  groups: { title: string; messages: string }[];
  budget_note: string;
  closing: string;
  content: ContentDraft;
  kind: PlanKind;
  symbol: string;
}

function draftOf(p: Plan): Draft {
  return {
    title: p.title,
    place: p.place,
    theme: p.theme,
    start: formatDate(p.period_start),
    end: formatDate(p.period_end),
    purposes: (p.purposes ?? []).join('\n'),
    requirements: (p.requirements ?? []).join('\n'),
    groups: (p.message_groups ?? []).map((g) => ({ title: g.title, messages: g.messages.join('\n') })),
    budget_note: p.budget_note ?? '',
    closing: p.closing ?? '',
    content: contentDraftOf(p),
    kind: p.kind,
    symbol: p.symbol,
  };
}

function PlanPage({ id }: { id: string }) {
  const { user } = useSession();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [activities, setActivities] = useState<Activity[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(plan ? plan.number_symbol + ' ' + plan.title : t('plans.title'));

  const load = async () => {
    try {
      const [p, a] = await Promise.all([api.plan(id), api.activities(id)]);
      setPlan(p);
      setDraft(draftOf(p));
      setActivities(a.items);
    } catch (e) {
      setError(e);
    }
  };
  // After an activity change only the activities are read again: the plan form keeps what was typed.
  const loadActivities = async () => {
    try {
      setActivities((await api.activities(id)).items);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    setPlan(null);
    load();
  }, [id]);

  if (!plan || !draft || !activities) return error ? <Notice kind="error">{errorText(error)}</Notice> : <Loading />;

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const save = async (e: Event) => {
    e.preventDefault();
    const s = isoOf(draft.start), en = isoOf(draft.end);
    const bad = [
      ...(s === undefined ? [{ field: 'period_start', message: t('plans.badDate') }] : []),
      ...(en === undefined ? [{ field: 'period_end', message: t('plans.badDate') }] : []),
      ...contentErrors(draft.content),
    ];
    if (s === undefined || en === undefined || bad.length) {
      setMessage(null);
      setError(new ApiError(400, 'invalid_argument', t('plans.fixBelow'), bad));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const groups: MessageGroup[] = draft.groups.map((g) => ({ title: g.title.trim(), messages: lines(g.messages) }));
      const p = await api.updatePlan(id, {
        version: plan.version,
        title: draft.title,
        place: draft.place,
        theme: draft.theme,
        period_start: s,
        period_end: en,
        purposes: lines(draft.purposes),
        requirements: lines(draft.requirements),
        message_groups: groups,
        budget_note: draft.budget_note,
        closing: draft.closing,
        kind: draft.kind,
        symbol: draft.symbol,
        ...contentBody(draft.content),
      });
      setPlan(p);
      setDraft(draftOf(p));
      setError(null);
      setMessage(p.status === 'issued' ? t('plans.savedRevision', { revision: p.revision }) : t('plans.saved'));
    } catch (err) {
      // The draft is kept as typed whatever the failure; a conflict says so.
      setError(err instanceof ApiError && err.status === 409 ? new ApiError(409, err.code, t('plans.conflictKept'), [], err.currentVersion) : err);
    } finally {
      setBusy(false);
    }
  };
  const issue = async (choice: { number?: number; issued_on: string }) => {
    setBusy(true);
    setMessage(null);
    try {
      const p = await api.issuePlan(id, { version: plan.version, ...choice });
      setPlan(p);
      setDraft(draftOf(p));
      setError(null);
      setMessage(t('plans.issuedAs', { number: p.number_symbol }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fields = ['kind', 'symbol', 'title', 'place', 'theme', 'period_start', 'period_end', 'purposes', 'requirements', 'message_groups', 'activities'];
  const shown = error instanceof ApiError ? error.details.map((d) => d.field).filter((f) => fields.includes(f) || CONTENT_FIELDS.some((c) => f.startsWith(c))) : [];
  const general = generalError(error, [...fields, ...shown]);
  const setContent = (content: ContentDraft) => set({ content });
  const keyActivities = activities.filter((a) => a.section === 'key');

  return (
    <section class="page plan">
      <PageHeader title={(plan.number_symbol !== '/' + plan.symbol ? plan.number_symbol + ' — ' : '') + plan.title}>
        <span class={'tag ' + (plan.status === 'issued' ? 'tag--ok' : 'tag--warn')} data-plan-status>
          {statusName(plan.status)}
          {plan.status === 'issued' && plan.revision > 1 ? ' · ' + t('plans.revision', { revision: plan.revision }) : ''}
        </span>
      </PageHeader>
      <p class="toolbar">
        <a href={href(['plans'])}>{t('plans.backToList')}</a>
        {' · '}
        <a href={href(['plans', plan.id, 'cascade'])}>{t('plans.cascade')}</a>
        {' · '}
        <a href={href(['plans', plan.id, 'timeline'])}>{t('plans.timeline')}</a>
        {' · '}
        <a href={href(['plans', plan.id, 'preview'])}>{t('plans.preview')}</a>
        {plan.parent_plan_id && (
          <>
            {' · '}
            <a href={href(['plans', plan.parent_plan_id])}>{t('plans.parent')}</a>
          </>
        )}
      </p>
      {message && <Notice kind="success">{message}</Notice>}
      {general && <Notice kind="error">{general}</Notice>}
      {fieldError(error, 'activities') && <Notice kind="error">{fieldError(error, 'activities')}</Notice>}

      <form onSubmit={save} noValidate>
        <div class="panel">
          <h2>{t('plans.general')}</h2>
          <dl class="facts">
            <dt>{t('plans.issuer')}</dt>
            <dd>{plan.unit_name}</dd>
            <dt>{t('plans.issuedOn')}</dt>
            <dd>{plan.issued_on ? formatDate(plan.issued_on) : t('common.dash')}</dd>
          </dl>
          <Field id="plan-title" label={t('plans.titleLabel')} required error={fieldError(error, 'title')}>
            <textarea id="plan-title" rows={2} value={draft.title} onInput={(e) => set({ title: e.currentTarget.value })} />
          </Field>
          <div class="form-grid">
            <Field id="plan-place" label={t('plans.place')} error={fieldError(error, 'place')}>
              <input id="plan-place" value={draft.place} onInput={(e) => set({ place: e.currentTarget.value })} />
            </Field>
            <Field id="plan-kind" label={t('plans.kind')} error={fieldError(error, 'kind')}>
              <select id="plan-kind" value={draft.kind} onChange={(e) => set({ kind: e.currentTarget.value as PlanKind })}>
                {KINDS.map((k) => (
                  <option value={k}>{kindName(k)}</option>
                ))}
              </select>
            </Field>
            <Field id="plan-symbol" label={t('plans.symbol')} hint={t('plans.symbolHint')} error={fieldError(error, 'symbol')}>
              <input id="plan-symbol" value={draft.symbol} aria-describedby={describedBy('plan-symbol', t('plans.symbolHint'), fieldError(error, 'symbol'))} onInput={(e) => set({ symbol: e.currentTarget.value })} />
            </Field>
            <DateInput id="plan-start" label={t('plans.periodStart')} value={draft.start} onChange={(v) => set({ start: v })} error={fieldError(error, 'period_start')} />
            <DateInput id="plan-end" label={t('plans.periodEnd')} value={draft.end} onChange={(v) => set({ end: v })} error={fieldError(error, 'period_end')} />
          </div>
          <BasesEditor c={draft.content} error={error} onChange={setContent} />
        </div>

        <div class="panel">
          <h2>{t('plans.section1')}</h2>
          <Field id="plan-purposes" label={t('plans.purposes')} hint={t('plans.oneLine')}>
            <textarea id="plan-purposes" rows={5} value={draft.purposes} onInput={(e) => set({ purposes: e.currentTarget.value })} />
          </Field>
          <Field id="plan-requirements" label={t('plans.requirements')} hint={t('plans.oneLine')}>
            <textarea id="plan-requirements" rows={3} value={draft.requirements} onInput={(e) => set({ requirements: e.currentTarget.value })} />
          </Field>
        </div>

        <div class="panel">
          <h2>{t('plans.section2')}</h2>
          <Field id="plan-theme" label={t('plans.theme')} error={fieldError(error, 'theme')}>
            <textarea id="plan-theme" rows={2} value={draft.theme} onInput={(e) => set({ theme: e.currentTarget.value })} />
          </Field>
          <h3>{t('plans.messages')}</h3>
          {draft.groups.map((g, i) => (
            <fieldset class="fieldset" key={i}>
              <legend>{t('plans.messageGroup', { n: i + 1 })}</legend>
              <Field id={'group-title-' + i} label={t('plans.groupTitle')}>
                <input
                  id={'group-title-' + i}
                  value={g.title}
                  onInput={(e) => set({ groups: draft.groups.map((x, k) => (k === i ? { ...x, title: e.currentTarget.value } : x)) })}
                />
              </Field>
              <Field id={'group-messages-' + i} label={t('plans.groupMessages')} hint={t('plans.oneLine')}>
                <textarea
                  id={'group-messages-' + i}
                  rows={4}
                  value={g.messages}
                  onInput={(e) => set({ groups: draft.groups.map((x, k) => (k === i ? { ...x, messages: e.currentTarget.value } : x)) })}
                />
              </Field>
            </fieldset>
          ))}
          <button type="button" class="button button--small" onClick={() => set({ groups: [...draft.groups, { title: '', messages: '' }] })}>
            {t('plans.addGroup')}
          </button>
          {keyActivities.length > 0 && (
            <>
              <h3>{t('plans.keyActivities')}</h3>
              <ol>
                {keyActivities.map((a) => (
                  <li>
                    {a.title}
                    {a.due_date ? ' (' + t('plans.dueBy', { date: formatDate(a.due_date) }) + ')' : ''}
                  </li>
                ))}
              </ol>
            </>
          )}
          <TargetsEditor c={draft.content} error={error} onChange={setContent} />
          <BudgetEditor c={draft.content} error={error} onChange={setContent} />
          <Field id="plan-budget" label={t('plans.budgetNote')}>
            <textarea id="plan-budget" rows={2} value={draft.budget_note} onInput={(e) => set({ budget_note: e.currentTarget.value })} />
          </Field>
        </div>
        <div class="panel">
          <RecipientsSignerEditor c={draft.content} error={error} onChange={setContent} />
          <ReportingEditor c={draft.content} error={error} onChange={setContent} />
        </div>
        <div class="form-actions">
          <button class="button button--primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('plans.save')}
          </button>
        </div>
      </form>

      <div class="panel">
        <h2>{t('plans.section3')}</h2>
        <ActivityTable plan={plan} activities={activities} onChange={loadActivities} />

      </div>

      <AttachmentsPanel owner="plans" id={plan.id} canChange={user.roles.some((r) => r === 'admin' || r === 'planner')} />

      <Revisions plan={plan} />
      {plan.status === 'draft' ? (
        <IssuePanel plan={plan} busy={busy} onIssue={issue} />
      ) : (
        <DerivePanel plan={plan} />
      )}
      <CopyPanel plan={plan} />
    </section>
  );
}

function ActivityTable({ plan, activities, onChange }: { plan: Plan; activities: Activity[]; onChange: () => void }) {
  const [title, setTitle] = useState('');
  const [lead, setLead] = useState<PickedUnit | null>(null);
  const [support, setSupport] = useState<PickedUnit[]>([]);
  const [supportPick, setSupportPick] = useState<PickedUnit | null>(null);
  const [children, setChildren] = useState(false);
  const [key, setKey] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [rowNotice, setRowNotice] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // "#/plans/12?activity=34" (a reminder's link): that activity's row is marked and brought into view.
  const target = useRoute().params.get('activity');
  useEffect(() => {
    if (target) document.getElementById('activity-' + target)?.scrollIntoView({ block: 'center' });
  }, [target, activities.length]);

  // Only a draft's activities are deleted (after a second click); an issued plan's are cancelled.
  const remove = async (a: Activity) => {
    if (confirmDelete !== a.id) {
      setConfirmDelete(a.id);
      return;
    }
    setConfirmDelete(null);
    try {
      await api.deleteActivity(a.id, a.version);
      setRowError(null);
      setRowNotice(t('activity.deleted'));
      onChange();
    } catch (err) {
      setRowError(err);
    }
  };

  const add = async (e: Event) => {
    e.preventDefault();
    const d = isoOf(due);
    if (d === undefined) {
      setError(new ApiError(400, 'invalid_argument', t('plans.badDate'), [{ field: 'due_date', message: t('plans.badDate') }]));
      return;
    }
    setBusy(true);
    try {
      await api.addActivity(plan.id, {
        title,
        section: key ? 'key' : 'assignment',
        assignee: children ? 'child_units' : 'unit',
        lead_unit_id: children ? null : lead?.id ?? null,
        support_unit_ids: support.map((u) => u.id),
        due_date: d,
      });
      setTitle('');
      setLead(null);
      setSupport([]);
      setDue('');
      setKey(false);
      setError(null);
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // Every activity, the key ones (copied into a derived plan too) first: each can be re-assigned.
  const assignments = activities;
  const general = generalError(error, ['title', 'lead_unit_id', 'due_date']);
  return (
    <>
      {!!rowError && <Notice kind="error">{errorText(rowError)}</Notice>}
      {rowNotice && <Notice kind="success">{rowNotice}</Notice>}
      {assignments.length === 0 ? (
        <p class="muted">{t('plans.noActivities')}</p>
      ) : (
        <table class="table table--responsive activity-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('activity.title')}</th>
              <th>{t('activity.lead')}</th>
              <th>{t('activity.support')}</th>
              <th>{t('activity.due')}</th>
              <th>{t('activity.statusLabel')}</th>
              <th>
                <span class="visually-hidden">{t('common.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a, i) => (
              <tr
                key={a.id}
                id={'activity-' + a.id}
                class={(a.overdue ? 'is-overdue' : '') + (a.id === target ? ' is-target' : '')}
                aria-current={a.id === target ? 'true' : undefined}
              >
                <td>{i + 1}</td>
                <td>
                  {a.section === 'key' && <span class="tag">{t('activity.key')}</span>} {a.title}
                  {a.details.length > 0 && (
                    <details>
                      <summary class="small">{t('activity.details', { n: a.details.length })}</summary>
                      <ul class="small">
                        {a.details.map((d) => (
                          <li>{d}</li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td>{a.assignee === 'unit' ? a.lead_unit_name : t(('activity.assignee.' + a.assignee) as MessageKey)}</td>
                <td>{a.support_unit_names.filter(Boolean).join(', ')}</td>
                <td class="nowrap">
                  {formatDate(a.due_date)}
                  {a.due_outside_period && <span class="tag tag--warn">{t('activity.outsidePeriod')}</span>}
                </td>
                <td>
                  {activityStatusName(a.status)}
                  {a.overdue && <span class="tag tag--warn"> {t('activity.overdue')}</span>}
                  {a.progress_note && <div class="small muted">{a.progress_note}</div>}
                </td>
                <td>
                  {editing === a.id ? (
                    <ActivityEditor
                      activity={a}
                      issued={plan.status === 'issued'}
                      onDone={(changed) => {
                        setEditing(null);
                        if (changed) onChange();
                      }}
                    />
                  ) : cancelling === a.id ? (
                    <CancelActivity
                      activity={a}
                      onDone={(changed) => {
                        setCancelling(null);
                        if (changed) {
                          setRowNotice(t('activity.cancelled'));
                          onChange();
                        }
                      }}
                    />
                  ) : (
                    <div class="form-actions">
                      <button type="button" class="button button--small" onClick={() => setEditing(a.id)} aria-label={t('activity.editOne', { n: i + 1 })}>
                        {t('common.edit')}
                      </button>
                      {a.status !== 'cancelled' && (
                        <button
                          type="button"
                          class="button button--small"
                          onClick={() => setCancelling(a.id)}
                          aria-label={t('activity.cancelOne', { n: i + 1 })}
                        >
                          {t('activity.cancel')}
                        </button>
                      )}
                      {plan.status === 'draft' && (
                        <button type="button" class="button button--small" onClick={() => void remove(a)} aria-label={t('activity.deleteOne', { n: i + 1 })}>
                          {confirmDelete === a.id ? t('activity.deleteConfirm') : t('activity.delete')}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="subform" onSubmit={add} noValidate aria-label={t('activity.add')}>
        <h3>{t('activity.add')}</h3>
        {general && <Notice kind="error">{general}</Notice>}
        <Field id="activity-title" label={t('activity.title')} required error={fieldError(error, 'title')}>
          <textarea id="activity-title" rows={2} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <label class="checkbox--small">
          <input type="checkbox" checked={key} onChange={(e) => setKey(e.currentTarget.checked)} /> {t('activity.markKey')}
        </label>
        <label class="checkbox--small">
          <input type="checkbox" checked={children} onChange={(e) => setChildren(e.currentTarget.checked)} /> {t('activity.toChildren')}
        </label>
        {!children && (
          <UnitPicker id="activity-lead" label={t('activity.lead')} value={lead} onChange={setLead} required error={fieldError(error, 'lead_unit_id')} />
        )}
        <UnitPicker
          id="activity-support"
          label={t('activity.support')}
          value={supportPick}
          error={fieldError(error, 'support_unit_ids')}
          onChange={(u) => {
            setSupportPick(null);
            if (u && !support.some((x) => x.id === u.id)) setSupport([...support, u]);
          }}
        />
        {support.length > 0 && (
          <ul class="link-list">
            {support.map((u) => (
              <li key={u.id}>
                {u.name}{' '}
                <button type="button" class="button button--small" onClick={() => setSupport(support.filter((x) => x.id !== u.id))}>
                  {t('activity.removeSupport')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <DateInput id="activity-due" label={t('activity.due')} value={due} onChange={setDue} error={fieldError(error, 'due_date')} />
        <div class="form-actions">
          <button class="button" type="submit" disabled={busy}>
            {t('activity.addButton')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Cancels an activity with a reason (kept in its history); a cancelled activity is neither counted nor overdue. */
function CancelActivity({ activity, onDone }: { activity: Activity; onDone: (changed: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const id = 'cancel-' + activity.id;
  const submit = async () => {
    try {
      await api.cancelActivity(activity.id, { version: activity.version, reason });
      onDone(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div class="subform">
      {generalError(error, ['reason']) && <Notice kind="error">{generalError(error, ['reason'])}</Notice>}
      <Field id={id + '-reason'} label={t('activity.cancelReason')} required error={fieldError(error, 'reason')}>
        <textarea id={id + '-reason'} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <div class="form-actions">
        <button type="button" class="button button--small button--primary" onClick={() => void submit()}>
          {t('activity.cancelConfirm')}
        </button>
        <button type="button" class="button button--small" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Edits an activity (title, lead unit, due date) and, once the plan is issued, records progress. */
function ActivityEditor({ activity, issued, onDone }: { activity: Activity; issued: boolean; onDone: (changed: boolean) => void }) {
  const [lead, setLead] = useState<PickedUnit | null>(
    activity.lead_unit_id ? { id: activity.lead_unit_id, name: activity.lead_unit_name ?? '' } : null,
  );
  const [title, setTitle] = useState(activity.title);
  const [due, setDue] = useState(formatDate(activity.due_date));
  const [status, setStatus] = useState(activity.status);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    const d = isoOf(due);
    if (d === undefined) {
      setError(new ApiError(400, 'invalid_argument', t('plans.badDate'), [{ field: 'due_date', message: t('plans.badDate') }]));
      return;
    }
    try {
      const body: Parameters<typeof api.updateActivity>[1] = { version: activity.version };
      if (title.trim() !== activity.title) body.title = title;
      if (activity.assignee === 'unit' && lead && lead.id !== activity.lead_unit_id) body.lead_unit_id = lead.id;
      if (d !== activity.due_date) body.due_date = d;
      if (issued && status !== activity.status) body.status = status;
      await api.updateActivity(activity.id, body);
      onDone(true);
    } catch (e) {
      setError(e);
    }
  };
  const id = 'edit-' + activity.id;
  return (
    <div class="subform">
      {generalError(error, ['title', 'lead_unit_id', 'due_date', 'status']) && (
        <Notice kind="error">{generalError(error, ['title', 'lead_unit_id', 'due_date', 'status'])}</Notice>
      )}
      <Field id={id + '-title'} label={t('activity.title')} error={fieldError(error, 'title')}>
        <textarea id={id + '-title'} rows={2} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      {activity.assignee === 'unit' && (
        <UnitPicker id={id + '-lead'} label={t('activity.lead')} value={lead} onChange={setLead} error={fieldError(error, 'lead_unit_id')} />
      )}
      <DateInput id={id + '-due'} label={t('activity.due')} value={due} onChange={setDue} error={fieldError(error, 'due_date')} />
      {issued && (
        <Field id={id + '-status'} label={t('activity.statusLabel')} error={fieldError(error, 'status')}>
          <select id={id + '-status'} value={status} onChange={(e) => setStatus(e.currentTarget.value as Activity['status'])}>
            {(activity.status === 'cancelled' ? (['not_started', 'in_progress', 'done', 'cancelled'] as const) : (['not_started', 'in_progress', 'done'] as const)).map((st) => (
              <option value={st}>{activityStatusName(st)}</option>
            ))}
          </select>
        </Field>
      )}
      <div class="form-actions">
        <button type="button" class="button button--small button--primary" onClick={save}>
          {t('common.save')}
        </button>
        <button type="button" class="button button--small" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The earlier revisions of an issued plan (what it said before each change). */
function Revisions({ plan }: { plan: Plan }) {
  const [items, setItems] = useState<{ revision: number; at: string; username: string; plan: Plan }[] | null>(null);
  useEffect(() => {
    if (plan.revision > 1) api.revisions(plan.id).then((r) => setItems(r.items)).catch(() => setItems([]));
  }, [plan.id, plan.revision]);
  if (plan.revision <= 1 || !items || items.length === 0) return null;
  return (
    <div class="panel">
      <h2>{t('plans.revisions')}</h2>
      <ul>
        {items.map((r) => (
          <li>
            {t('plans.revisionLine', { revision: r.revision, at: formatDateTime(r.at), user: r.username })} — {r.plan.title}
          </li>
        ))}
      </ul>
    </div>
  );
}

function DerivePanel({ plan }: { plan: Plan }) {
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const derive = async () => {
    if (!unit) {
      setError(new ApiError(400, 'invalid_argument', t('plans.pickUnit'), [{ field: 'unit_id', message: t('plans.pickUnit') }]));
      return;
    }
    setBusy(true);
    try {
      const p = await api.derivePlan(plan.id, unit.id);
      navigate(href(['plans', p.id]));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="panel">
      <h2>{t('plans.deriveTitle')}</h2>
      <p class="muted">{t('plans.deriveHint')}</p>
      {generalError(error, ['unit_id']) && <Notice kind="error">{generalError(error, ['unit_id'])}</Notice>}
      <UnitPicker id="derive-unit" label={t('plans.deriveUnit')} value={unit} onChange={setUnit} error={fieldError(error, 'unit_id')} />
      <button type="button" class="button button--primary" disabled={busy} onClick={derive}>
        {t('plans.derive')}
      </button>
    </div>
  );
}

//! "Sao chép kế hoạch năm trước": a draft a year later for the same unit (or what it became in
//! the 2025 reform), with what the copy changed listed for the planner to check.
function CopyPanel({ plan }: { plan: Plan }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<(Plan & { copy_notes?: string[] }) | null>(null);
  const copy = async () => {
    setBusy(true);
    setError(null);
    try {
      setMade(await api.copyPlan(plan.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="panel" data-copy-plan>
      <h2>{t('plans.copyTitle')}</h2>
      <p class="muted">{t('plans.copyHint')}</p>
      {generalError(error, []) && <Notice kind="error">{generalError(error, [])}</Notice>}
      {made ? (
        <div data-copy-made>
          <Notice kind="success">{t('plans.copyMade', { title: made.title })}</Notice>
          {made.copy_notes && made.copy_notes.length > 0 && (
            <>
              <p>{t('plans.copyNotes')}</p>
              <ul>
                {made.copy_notes.map((n) => (
                  <li data-copy-note>{n}</li>
                ))}
              </ul>
            </>
          )}
          <a class="button button--primary" href={href(['plans', made.id])}>
            {t('plans.copyOpen')}
          </a>
        </div>
      ) : (
        <button type="button" class="button" disabled={busy} onClick={copy}>
          {t('plans.copy')}
        </button>
      )}
    </div>
  );
}

interface Row {
  entry: CascadeEntry;
  depth: number;
}

function flatten(entries: CascadeEntry[], depth: number, out: Row[]): Row[] {
  for (const e of entries) {
    out.push({ entry: e, depth });
    flatten(e.units, depth + 1, out);
  }
  return out;
}

function CascadePage({ id }: { id: string }) {
  const [data, setData] = useState<Cascade | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(t('plans.cascade'));
  useEffect(() => {
    api.cascade(id).then(setData).catch(setError);
  }, [id]);
  if (!data) return error ? <Notice kind="error">{errorText(error)}</Notice> : <Loading />;
  const rows = flatten(data.units, 0, []);
  const s = data.summary;
  return (
    <section class="page">
      <PageHeader title={t('plans.cascadeOf', { number: data.plan.number_symbol, unit: data.plan.unit_name ?? '' })} />
      <p>
        <a href={href(['plans', id])}>{data.plan.title}</a>
      </p>
      <p class="cards" data-cascade-summary>
        {t('plans.cascadeSummary', { expected: s.expected, derived: s.derived, issued: s.issued, missing: s.missing })}
      </p>
      {s.hidden > 0 && (
        <p class="muted" data-cascade-hidden>
          {t('plans.cascadeHidden', { n: s.hidden })}
        </p>
      )}
      <table class="table table--responsive cascade-table">
        <thead>
          <tr>
            <th>{t('plans.unit')}</th>
            <th>{t('plans.derivedPlan')}</th>
            <th>{t('plans.derivedOn')}</th>
            <th>{t('plans.done')}</th>
            <th>{t('activity.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ entry: e, depth }) => (
            <tr key={e.unit.id + '-' + depth} class={e.behind ? 'is-behind' : ''} data-unit={e.unit.full_name}>
              <td style={{ paddingLeft: 0.5 + depth * 1.5 + 'rem' }}>
                {e.unit.full_name}
                {e.behind && <span class="tag tag--warn"> {t('plans.behind')}</span>}
              </td>
              <td>
                {e.plan ? (
                  <a href={href(['plans', e.plan.id])}>
                    {e.plan.number_symbol.startsWith('/') ? '' : e.plan.number_symbol + ' · '}
                    {statusName(e.plan.status)}
                  </a>
                ) : e.expected ? (
                  <span class="tag tag--warn">{t('plans.notDerived')}</span>
                ) : (
                  t('common.dash')
                )}
              </td>
              <td>{formatDate(e.derived_on)}</td>
              <td class="nowrap" data-done>
                {e.activities_done}/{e.activities_total}
                {e.activities_total > 0 ? ` (${Math.round(e.done_share * 100)}%)` : ''}
              </td>
              <td data-overdue>{e.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TimelinePage({ id }: { id: string }) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [activities, setActivities] = useState<Activity[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useTitle(t('plans.timeline'));
  useEffect(() => {
    Promise.all([api.plan(id), api.activities(id)])
      .then(([p, a]) => {
        setPlan(p);
        setActivities(a.items);
      })
      .catch(setError);
  }, [id]);
  if (!plan || !activities) return error ? <Notice kind="error">{errorText(error)}</Notice> : <Loading />;
  const start = Date.parse(plan.period_start ?? todayVN());
  const endRaw = Date.parse(plan.period_end ?? plan.period_start ?? todayVN());
  const dated = activities.filter((a) => a.due_date).sort((a, b) => (a.due_date! < b.due_date! ? -1 : 1));
  const last = Math.max(endRaw, ...dated.map((a) => Date.parse(a.due_date!)));
  const span = Math.max(1, last - start);
  const pos = (iso: string) => Math.min(100, Math.max(0, ((Date.parse(iso) - start) / span) * 100));
  return (
    <section class="page">
      <PageHeader title={t('plans.timelineOf', { number: plan.number_symbol })} />
      <p>
        <a href={href(['plans', id])}>{plan.title}</a> — {period(plan)}
      </p>
      <ol class="timeline">
        {dated.map((a) => (
          <li class={'timeline__row' + (a.overdue ? ' is-overdue' : '') + (a.status === 'done' ? ' is-done' : '')}>
            <span class="timeline__label">
              {a.title} <span class="small muted">({a.lead_unit_name ?? t(('activity.assignee.' + a.assignee) as MessageKey)})</span>
            </span>
            <span class="timeline__track" aria-hidden="true">
              <span class="timeline__period" style={{ width: pos(plan.period_end ?? plan.period_start ?? todayVN()) + '%' }} />
              <span class="timeline__due" style={{ left: pos(a.due_date!) + '%' }} />
            </span>
            <span class="timeline__date">
              {formatDate(a.due_date)} · {activityStatusName(a.status)}
              {a.overdue ? ' · ' + t('activity.overdue') : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Issuing a plan: the number (the next free one is offered), the day of issue (today by default,
 * never later), who signs, then a confirmation that says what will happen.
 */
function IssuePanel({
  plan,
  busy,
  onIssue,
}: {
  plan: Plan;
  busy: boolean;
  onIssue: (choice: { number?: number; issued_on: string }) => void;
}) {
  const [number, setNumber] = useState(plan.number ? String(plan.number) : '');
  const [issuedOn, setIssuedOn] = useState(todayVN());
  const [confirming, setConfirming] = useState(false);
  const year = Number(issuedOn.slice(0, 4)) || new Date().getFullYear();
  useEffect(() => {
    if (plan.number) return;
    api
      .nextNumber(plan.unit_id, plan.symbol, year)
      .then((n) => setNumber((cur) => cur || String(n.number)))
      .catch(() => undefined);
  }, [plan.id, year]);
  const parsed = /^\d{1,6}$/.test(number.trim()) ? Number(number.trim()) : undefined;
  const numberError = number.trim() !== '' && parsed === undefined ? t('plans.issueNumberInvalid') : undefined;
  const dateError = issuedOn > todayVN() ? t('plans.issueDateFuture') : !issuedOn ? t('plans.issueDateRequired') : undefined;
  const signer = plan.signer && plan.signer.name ? [plan.signer.authority, plan.signer.title, plan.signer.name].filter(Boolean).join(' — ') : null;
  const label = (parsed ? parsed + '/' : '') + plan.symbol;
  return (
    <div class="panel" data-issue-panel>
      <h2>{t('plans.issueTitle')}</h2>
      <p class="muted">{t('plans.issueHint')}</p>
      <div class="form-grid">
        <Field id="issue-number" label={t('plans.issueNumber')} hint={t('plans.issueNumberHint')} error={numberError}>
          <input
            id="issue-number"
            inputMode="numeric"
            value={number}
            aria-describedby={describedBy('issue-number', t('plans.issueNumberHint'), numberError)}
            onInput={(e) => {
              setNumber(e.currentTarget.value);
              setConfirming(false);
            }}
          />
        </Field>
        <Field id="issue-date" label={t('plans.issuedOn')} required error={dateError}>
          <input
            id="issue-date"
            type="date"
            max={todayVN()}
            value={issuedOn}
            aria-describedby={describedBy('issue-date', undefined, dateError)}
            onInput={(e) => {
              setIssuedOn(e.currentTarget.value);
              setConfirming(false);
            }}
          />
        </Field>
      </div>
      <p>
        {t('plans.signer')}: {signer ?? <span class="tag tag--warn">{t('plans.noSigner')}</span>}
      </p>
      {!confirming ? (
        <button
          type="button"
          class="button button--primary"
          disabled={busy || !!numberError || !!dateError}
          onClick={() => setConfirming(true)}
        >
          {t('plans.issue')}
        </button>
      ) : (
        <div class="notice notice--info" role="alertdialog" aria-labelledby="issue-confirm-text">
          <p id="issue-confirm-text">
            {t('plans.issueConfirm', { number: label, date: formatDate(issuedOn) })}
          </p>
          <button
            type="button"
            class="button button--primary"
            disabled={busy}
            onClick={() => onIssue({ ...(parsed ? { number: parsed } : {}), issued_on: issuedOn })}
          >
            {t('plans.issueConfirmYes')}
          </button>{' '}
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
