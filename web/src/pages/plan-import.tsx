// Import a plan from a document (#/plans/import): the officer picks the issuing unit and a
// .docx, .pdf or .txt; binhdang reads it (POST /api/v1/plans/import, nothing written) and shows
// the document's text beside every field it read. Choosing a field marks where in the text it
// came from; fields read with low confidence are flagged. The officer corrects what needs it,
// keeps or drops each activity, and creates the draft (one request, the plan and its
// activities together).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, currentCsrfToken, type Activity, type Plan, type PlanKind } from '../api';
import { Field, fieldError, generalError, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { formatDate, parseDate } from '../format';
import { getLang, t } from '../i18n';
import { href, navigate } from '../router';
import { useSession } from '../session';

interface ImportedField {
  path: string;
  value: string;
  start: number;
  end: number;
  confidence: number;
}

type ImportedActivity = Omit<Activity, 'id' | 'plan_id'> & { agency_text: string };

interface Imported {
  format: 'docx' | 'pdf' | 'txt';
  text: string;
  issuer: string;
  plan: Plan;
  activities: ImportedActivity[];
  fields: ImportedField[];
  unmatched_agencies: string[];
  parent_plan: { id: string; number_symbol: string; title: string; unit_name: string } | null;
}

const KINDS: PlanKind[] = ['action_month', 'programme', 'annual', 'other'];

async function upload(unitId: string, file: File): Promise<Imported> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLang() === 'en' ? 'en' : 'vi',
    'Content-Type': file.type || 'application/octet-stream',
  };
  const csrf = currentCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch('/api/v1/plans/import?unit_id=' + encodeURIComponent(unitId), {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as { error?: Record<string, unknown> } | null)?.error ?? {};
    throw new ApiError(
      res.status,
      typeof err.code === 'string' ? err.code : 'http_' + res.status,
      typeof err.message === 'string' ? err.message : t('import.failed'),
      Array.isArray(err.details) ? (err.details as { field: string; message: string }[]) : [],
    );
  }
  return data as Imported;
}

/** The section a field belongs to, for grouping and for its label. */
function groupOf(path: string): string {
  const head = path.replace(/\[.*$/, '').replace(/\..*$/, '');
  switch (head) {
    case 'issuer':
    case 'number':
    case 'symbol':
    case 'place':
    case 'issued_on':
    case 'title':
    case 'kind':
    case 'theme':
    case 'period_start':
    case 'period_end':
      return 'general';
    case 'activities':
      return 'activities';
    default:
      return path.startsWith('content.') ? path.slice(8).replace(/[[.].*$/, '') : head;
  }
}

function Highlighted({ text, field }: { text: string; field: ImportedField | null }) {
  const box = useRef<HTMLPreElement>(null);
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    // Only the document's own box scrolls to the marked words: the page stays where the field
    // being typed in is (on a phone the box is pinned above the fields).
    const pre = box.current, m = mark.current;
    if (!pre || !m) return;
    const top = m.getBoundingClientRect().top - pre.getBoundingClientRect().top + pre.scrollTop;
    pre.scrollTo({ top: Math.max(0, top - pre.clientHeight / 3), behavior: 'smooth' });
  }, [field]);
  if (!field || field.end <= field.start) return <pre class="import-text" ref={box}>{text}</pre>;
  return (
    <pre class="import-text" ref={box}>
      {text.slice(0, field.start)}
      <mark ref={mark}>{text.slice(field.start, field.end)}</mark>
      {text.slice(field.end)}
    </pre>
  );
}

function Confidence({ c }: { c: number }) {
  if (c >= 0.85) return null;
  return <span class="badge badge--warn">{t('import.check')}</span>;
}

export function PlanImportPage() {
  useTitle(t('import.title'));
  const { user } = useSession();
  const [unit, setUnit] = useState<PickedUnit | null>({ id: user.unit_id, name: user.unit_name });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [selected, setSelected] = useState<ImportedField | null>(null);
  // What the officer may correct before creating the draft.
  const [title, setTitle] = useState('');
  const [number, setNumber] = useState('');
  const [symbol, setSymbol] = useState('');
  const [place, setPlace] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [kind, setKind] = useState<PlanKind>('other');
  const [theme, setTheme] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [purposes, setPurposes] = useState('');
  const [requirements, setRequirements] = useState('');
  const [keep, setKeep] = useState<boolean[]>([]);
  const [linkParent, setLinkParent] = useState(true);

  const read = async (e: Event) => {
    e.preventDefault();
    if (!unit || !file) {
      setError(new ApiError(400, 'invalid_argument', t('common.fixFields'), [
        ...(!unit ? [{ field: 'unit_id', message: t('import.needUnit') }] : []),
        ...(!file ? [{ field: 'file', message: t('import.needFile') }] : []),
      ]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await upload(unit.id, file);
      setImported(r);
      setSelected(null);
      const p = r.plan;
      setTitle(p.title ?? '');
      setNumber(p.number != null ? String(p.number) : '');
      setSymbol(p.symbol ?? '');
      setPlace(p.place ?? '');
      setIssuedOn(formatDate(p.issued_on));
      setKind(p.kind);
      setTheme(p.theme ?? '');
      setStart(formatDate(p.period_start));
      setEnd(formatDate(p.period_end));
      setPurposes((p.purposes ?? []).join('\n'));
      setRequirements((p.requirements ?? []).join('\n'));
      setKeep(r.activities.map(() => true));
      setLinkParent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (!imported || !unit) return;
    const dates: Record<string, string> = { issued_on: issuedOn, period_start: start, period_end: end };
    const iso: Record<string, string | null> = {};
    const bad: { field: string; message: string }[] = [];
    for (const [k, v] of Object.entries(dates)) {
      if (!v.trim()) iso[k] = null;
      else {
        const d = parseDate(v);
        if (!d) bad.push({ field: k, message: t('plans.badDate') });
        iso[k] = d;
      }
    }
    if (number.trim() && !/^\d{1,6}$/.test(number.trim())) bad.push({ field: 'number', message: t('import.badNumber') });
    if (bad.length) {
      setError(new ApiError(400, 'invalid_argument', t('common.fixFields'), bad));
      return;
    }
    const p = imported.plan;
    const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const body: Record<string, unknown> = {
      unit_id: unit.id,
      ...(imported.parent_plan && linkParent ? { parent_plan_id: imported.parent_plan.id } : {}),
      title,
      kind,
      symbol,
      place,
      theme,
      number: number.trim() ? Number(number.trim()) : null,
      ...iso,
      preamble: p.preamble,
      bases: p.bases,
      purposes: lines(purposes),
      requirements: lines(requirements),
      objective: p.objective,
      targets: p.targets,
      message_groups: p.message_groups,
      budget_sources: p.budget_sources,
      budget_note: p.budget_note,
      recipients: p.recipients,
      signer: p.signer,
      closing: p.closing,
      activities: imported.activities
        .filter((_, i) => keep[i])
        .map((a) => ({
          section: a.section,
          title: a.title,
          details: a.details,
          // An agency not matched keeps its name in the title until the officer picks the lead.
          assignee: a.assignee === 'unit' && !a.lead_unit_id ? 'everyone' : a.assignee,
          ...(a.lead_unit_id ? { lead_unit_id: a.lead_unit_id } : {}),
          support_unit_ids: a.support_unit_ids,
          due_date: a.due_date,
        })),
    };
    setBusy(true);
    try {
      const created = await api.createPlan(body as never);
      navigate(href(['plans', created.id]));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const groups = useMemo(() => {
    const out = new Map<string, ImportedField[]>();
    for (const f of imported?.fields ?? []) {
      const g = groupOf(f.path);
      if (!out.has(g)) out.set(g, []);
      out.get(g)!.push(f);
    }
    return out;
  }, [imported]);

  const fieldOf = (path: string) => imported?.fields.find((f) => f.path === path) ?? null;
  const focus = (path: string) => () => setSelected(fieldOf(path));
  const general = generalError(error, ['unit_id', 'file', 'title', 'number', 'issued_on', 'period_start', 'period_end']);

  return (
    <section class="page">
      <PageHeader title={t('import.title')}>
        <a class="button" href={href(['plans'])}>{t('import.back')}</a>
      </PageHeader>
      <form class="panel" onSubmit={read} noValidate>
        <p class="hint">{t('import.intro')}</p>
        {general && <Notice kind="error">{general}</Notice>}
        <div class="form-grid">
          <UnitPicker id="import-unit" label={t('plans.issuer')} value={unit} onChange={setUnit} required error={fieldError(error, 'unit_id')} />
          <Field id="import-file" label={t('import.file')} required error={fieldError(error, 'file')} hint={t('import.fileHint')}>
            <input
              id="import-file"
              type="file"
              accept=".docx,.pdf,.txt,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          </Field>
        </div>
        <div class="form-actions">
          <button class="button button--primary" type="submit" disabled={busy}>
            {busy && !imported ? t('import.reading') : t('import.read')}
          </button>
        </div>
      </form>

      {imported && (
        <div class="import-review">
          <section class="panel import-source" aria-label={t('import.source')}>
            <h2>{t('import.source')}</h2>
            <p class="hint">
              {t('import.sourceHint', { format: imported.format.toUpperCase(), n: String(imported.fields.length) })}
            </p>
            <Highlighted text={imported.text} field={selected} />
          </section>
          <section class="panel import-fields" aria-label={t('import.fields')}>
            <h2>{t('import.fields')}</h2>
            {imported.issuer && (
              <p>
                <button type="button" class="link" onClick={focus('issuer')}>{t('import.issuer')}</button>: {imported.issuer}
              </p>
            )}
            {imported.parent_plan && (
              <p>
                <label>
                  <input type="checkbox" checked={linkParent} onChange={(e) => setLinkParent(e.currentTarget.checked)} />{' '}
                  {t('import.parent', {
                    number: imported.parent_plan.number_symbol,
                    unit: imported.parent_plan.unit_name,
                  })}
                </label>{' '}
                <button type="button" class="link" onClick={focus('parent_plan_id')}>{t('import.where')}</button>
              </p>
            )}
            {fieldError(error, 'parent_plan_id') && <Notice kind="error">{fieldError(error, 'parent_plan_id')}</Notice>}
            <Field id="import-title" label={t('plans.titleLabel')} required error={fieldError(error, 'title')}>
              <textarea id="import-title" rows={3} value={title} onFocus={focus('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
            </Field>
            <div class="form-grid">
              <Field id="import-number" label={t('import.number')} error={fieldError(error, 'number')} hint={t('import.numberHint')}>
                <input id="import-number" inputMode="numeric" value={number} onFocus={focus('number')} onInput={(e) => setNumber(e.currentTarget.value)} />
              </Field>
              <Field id="import-symbol" label={t('import.symbol')}>
                <input id="import-symbol" value={symbol} onFocus={focus('symbol')} onInput={(e) => setSymbol(e.currentTarget.value)} />
              </Field>
              <Field id="import-place" label={t('import.place')}>
                <input id="import-place" value={place} onFocus={focus('place')} onInput={(e) => setPlace(e.currentTarget.value)} />
              </Field>
              <Field id="import-issued" label={t('import.issuedOn')} error={fieldError(error, 'issued_on')} hint={t('import.dateHint')}>
                <input id="import-issued" value={issuedOn} onFocus={focus('issued_on')} onInput={(e) => setIssuedOn(e.currentTarget.value)} />
              </Field>
              <Field id="import-kind" label={t('plans.kind')}>
                <select id="import-kind" value={kind} onFocus={focus('kind')} onChange={(e) => setKind(e.currentTarget.value as PlanKind)}>
                  {KINDS.map((k) => (
                    <option value={k}>{t(('plans.kind.' + k) as never)}</option>
                  ))}
                </select>
              </Field>
              <Field id="import-start" label={t('plans.periodStart')} error={fieldError(error, 'period_start')} hint={t('import.dateHint')}>
                <input id="import-start" value={start} onFocus={focus('period_start')} onInput={(e) => setStart(e.currentTarget.value)} />
              </Field>
              <Field id="import-end" label={t('plans.periodEnd')} error={fieldError(error, 'period_end')} hint={t('import.dateHint')}>
                <input id="import-end" value={end} onFocus={focus('period_end')} onInput={(e) => setEnd(e.currentTarget.value)} />
              </Field>
            </div>
            <Field id="import-theme" label={t('plans.theme')}>
              <textarea id="import-theme" rows={2} value={theme} onFocus={focus('theme')} onInput={(e) => setTheme(e.currentTarget.value)} />
            </Field>
            <Field id="import-purposes" label={t('import.purposes')} hint={t('import.oneALine')}>
              <textarea id="import-purposes" rows={4} value={purposes} onFocus={focus('content.purposes[0]')} onInput={(e) => setPurposes(e.currentTarget.value)} />
            </Field>
            <Field id="import-requirements" label={t('import.requirements')} hint={t('import.oneALine')}>
              <textarea id="import-requirements" rows={3} value={requirements} onFocus={focus('content.requirements[0]')} onInput={(e) => setRequirements(e.currentTarget.value)} />
            </Field>

            {['preamble', 'bases', 'objective', 'targets', 'message_groups', 'budget_sources', 'budget_note', 'reporting', 'closing', 'recipients', 'signer'].map(
              (g) =>
                groups.get(g) && (
                  <details class="import-group" open={g === 'bases' || g === 'targets'}>
                    <summary>
                      {t(('import.group.' + g) as never)} ({groups.get(g)!.length})
                    </summary>
                    <ul class="import-list">
                      {groups.get(g)!.map((f) => (
                        <li class={selected === f ? 'is-selected' : ''}>
                          <button type="button" class="link" onClick={() => setSelected(f)}>
                            {/^\d{4}-\d{2}-\d{2}$/.test(f.value) ? formatDate(f.value) : f.value}
                          </button>{' '}
                          <Confidence c={f.confidence} />
                        </li>
                      ))}
                    </ul>
                  </details>
                ),
            )}
            <p class="hint">{t('import.editLater')}</p>

            <h3>{t('import.activities', { n: String(imported.activities.length) })}</h3>
            {imported.unmatched_agencies.length > 0 && (
              <Notice kind="info">{t('import.unmatched', { names: imported.unmatched_agencies.join('; ') })}</Notice>
            )}
            <ol class="import-activities">
              {imported.activities.map((a, i) => (
                <li>
                  <label>
                    <input
                      type="checkbox"
                      checked={keep[i]}
                      onChange={(e) => setKeep(keep.map((k, j) => (j === i ? e.currentTarget.checked : k)))}
                    />{' '}
                    <button type="button" class="link" onClick={focus(`activities[${i}].title`)}>
                      {a.title}
                    </button>
                  </label>
                  <div class="hint">
                    {a.section === 'key' ? t('import.key') : t('import.assignment')}
                    {' · '}
                    {a.lead_unit_name ?? (a.assignee === 'child_units' ? t('import.childUnits') : a.assignee === 'everyone' ? t('import.everyone') : a.agency_text)}
                    {a.assignee === 'unit' && !a.lead_unit_id && <span class="badge badge--warn">{t('import.noMatch')}</span>}
                    {a.due_date && ' · ' + t('import.due', { date: formatDate(a.due_date) })}
                  </div>
                </li>
              ))}
            </ol>
            {fieldError(error, 'activities') && <Notice kind="error">{fieldError(error, 'activities')}</Notice>}
            <div class="form-actions">
              <button class="button button--primary" type="button" disabled={busy} onClick={create}>
                {busy ? t('common.saving') : t('plans.create')}
              </button>
            </div>
          </section>
        </div>
      )}
    </section>
  );
}
