// The parts of a plan the editor used to show read-only: bases (căn cứ), budget sources,
// recipients (Nơi nhận) and the signer block. Each list can be added to, removed from and
// reordered; dates are typed dd/mm/yyyy and checked here before the server checks them again.
import { useEffect, useState } from 'preact/hooks';
import { api, type Plan, type ReportTemplate } from '../api';
import { describedBy, Field, fieldError } from '../components/common';
import { formatDate, parseDate } from '../format';
import { t } from '../i18n';

export interface BasisDraft {
  document: string;
  date: string; // dd/mm/yyyy as typed
  issuer: string;
  title: string;
}
export interface TargetDraft {
  text: string;
  unit: string;
  values: { year: string; comparator: string; value: string }[]; // as typed: "2026", ">=", "1.234,5"
  indicator?: string; // the analytics indicator that measures it, kept as the plan has it
}
export interface ContentDraft {
  bases: BasisDraft[];
  targets: TargetDraft[];
  budget_sources: { kind: string; text: string }[];
  recipients: { name: string; note: string }[];
  signer: { on_behalf_of: string; authority: string; title: string; name: string };
  reporting: ReportingDraft[];
}
export interface ReportingDraft {
  template_code: string;
  due: string; // dd/mm/yyyy as typed
  note: string;
  to_unit_id: string | null;
  reporting_scope: string;
}

export const BUDGET_KINDS = ['state_budget', 'mobilised', 'international', 'other_lawful'] as const;

export function contentDraftOf(p: Plan): ContentDraft {
  return {
    bases: (p.bases ?? []).map((b) => ({ document: b.document, date: formatDate(b.date), issuer: b.issuer, title: b.title })),
    targets: (p.targets ?? []).map((tg) => ({
      text: tg.text,
      unit: tg.unit,
      values: tg.values.map((v) => ({ year: String(v.year), comparator: v.comparator, value: formatNumber(v.value) })),
      ...(tg.indicator ? { indicator: tg.indicator } : {}),
    })),
    budget_sources: (p.budget_sources ?? []).map((b) => ({ ...b })),
    recipients: (p.recipients ?? []).map((r) => ({ ...r })),
    signer: { on_behalf_of: '', authority: '', title: '', name: '', ...(p.signer ?? {}) },
    reporting: (p.reporting ?? []).map((r) => ({
      template_code: r.template_code,
      due: formatDate(r.due_date),
      note: r.note,
      to_unit_id: r.to_unit_id,
      reporting_scope: r.reporting_scope,
    })),
  };
}

/** 1234567.5 -> "1.234.567,5" (Vietnamese grouping). */
export function formatNumber(n: number): string {
  return n.toLocaleString('vi-VN', { maximumFractionDigits: 6 });
}

/** "1.234.567,5" or "1234567.5"-free Vietnamese text -> number; undefined when not a number. */
export function parseNumber(text: string): number | undefined {
  const s = text.trim().replace(/\s/g, '');
  if (!/^-?(\d{1,3}(\.\d{3})*|\d+)(,\d+)?$/.test(s)) return undefined;
  const n = Number(s.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** The fields whose values the browser refuses, each with its message (same names as the server's). */
export function contentErrors(c: ContentDraft): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  c.bases.forEach((b, i) => {
    if (b.date.trim() && !parseDate(b.date)) out.push({ field: `bases[${i}].date`, message: t('plans.badDate') });
    if (!b.document.trim() && !b.title.trim()) out.push({ field: `bases[${i}].title`, message: t('plans.basisEmpty') });
  });
  c.targets.forEach((tg, i) => {
    if (!tg.text.trim()) out.push({ field: `targets[${i}].text`, message: t('plans.targetEmpty') });
    tg.values.forEach((v, k) => {
      const y = Number(v.year);
      if (!/^\d{4}$/.test(v.year.trim()) || y < 1990 || y > 2100) out.push({ field: `targets[${i}].values[${k}].year`, message: t('plans.targetYear') });
      if (parseNumber(v.value) === undefined) out.push({ field: `targets[${i}].values[${k}].value`, message: t('plans.targetValue') });
    });
  });
  c.recipients.forEach((r, i) => {
    if (!r.name.trim()) out.push({ field: `recipients[${i}].name`, message: t('plans.recipientEmpty') });
  });
  c.reporting.forEach((r, i) => {
    if (!r.template_code) out.push({ field: `reporting[${i}].template_code`, message: t('plans.reportingTemplateEmpty') });
    if (!parseDate(r.due)) out.push({ field: `reporting[${i}].due_date`, message: t('plans.badDate') });
  });
  return out;
}

/** The PATCH body for these parts (blank rows the user left empty are refused above, not dropped). */
export function contentBody(c: ContentDraft) {
  return {
    bases: c.bases.map((b) => ({ document: b.document.trim(), date: b.date.trim() ? parseDate(b.date) ?? null : null, issuer: b.issuer.trim(), title: b.title.trim() })),
    targets: c.targets.map((tg) => ({
      text: tg.text.trim(),
      unit: tg.unit.trim(),
      values: tg.values.map((v) => ({ year: Number(v.year), comparator: v.comparator, value: parseNumber(v.value) ?? 0 })),
      ...(tg.indicator ? { indicator: tg.indicator } : {}),
    })),
    budget_sources: c.budget_sources.map((b) => ({ kind: b.kind, text: b.text.trim() })),
    recipients: c.recipients.map((r) => ({ name: r.name.trim(), note: r.note.trim() })),
    signer: {
      on_behalf_of: c.signer.on_behalf_of.trim(),
      authority: c.signer.authority.trim(),
      title: c.signer.title.trim(),
      name: c.signer.name.trim(),
    },
    reporting: c.reporting.map((r) => ({
      template_code: r.template_code,
      due_date: parseDate(r.due) ?? '',
      note: r.note.trim(),
      to_unit_id: r.to_unit_id,
      reporting_scope: r.reporting_scope || 'children_and_agencies',
    })),
  };
}

export const CONTENT_FIELDS = ['bases', 'targets', 'budget_sources', 'recipients', 'signer', 'reporting'];

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

function RowButtons({ label, index, count, onMove, onRemove }: {
  label: string;
  index: number;
  count: number;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  return (
    <p class="row-actions">
      <button type="button" class="button button--small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('plans.moveUp') + ' ' + label}>
        {t('plans.moveUp')}
      </button>{' '}
      <button type="button" class="button button--small" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('plans.moveDown') + ' ' + label}>
        {t('plans.moveDown')}
      </button>{' '}
      <button type="button" class="button button--small" onClick={onRemove} aria-label={t('plans.remove') + ' ' + label}>
        {t('plans.remove')}
      </button>
    </p>
  );
}

function Text({ id, label, value, error, onInput, hint }: {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  onInput: (v: string) => void;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

export function BasesEditor({ c, error, onChange }: { c: ContentDraft; error: unknown; onChange: (c: ContentDraft) => void }) {
  const setBasis = (i: number, patch: Partial<BasisDraft>) =>
    onChange({ ...c, bases: c.bases.map((b, k) => (k === i ? { ...b, ...patch } : b)) });
  return (
    <div data-bases>
      <h3>{t('plans.bases')}</h3>
      {c.bases.map((b, i) => {
        const label = t('plans.basisN', { n: i + 1 });
        return (
          <fieldset class="fieldset" key={i} data-basis={i}>
            <legend>{label}</legend>
            <div class="form-grid">
              <Text id={`basis-document-${i}`} label={t('plans.basisDocument')} value={b.document} error={fieldError(error, `bases[${i}].document`)} onInput={(v) => setBasis(i, { document: v })} />
              <Text id={`basis-date-${i}`} label={t('plans.basisDate')} hint={t('plans.dateHint')} value={b.date} error={fieldError(error, `bases[${i}].date`)} onInput={(v) => setBasis(i, { date: v })} />
              <Text id={`basis-issuer-${i}`} label={t('plans.basisIssuer')} value={b.issuer} error={fieldError(error, `bases[${i}].issuer`)} onInput={(v) => setBasis(i, { issuer: v })} />
            </div>
            <Text id={`basis-title-${i}`} label={t('plans.basisTitle')} value={b.title} error={fieldError(error, `bases[${i}].title`)} onInput={(v) => setBasis(i, { title: v })} />
            <RowButtons label={label} index={i} count={c.bases.length} onMove={(by) => onChange({ ...c, bases: move(c.bases, i, by) })} onRemove={() => onChange({ ...c, bases: c.bases.filter((_, k) => k !== i) })} />
          </fieldset>
        );
      })}
      <button type="button" class="button button--small" onClick={() => onChange({ ...c, bases: [...c.bases, { document: '', date: '', issuer: '', title: '' }] })}>
        {t('plans.addBasis')}
      </button>
    </div>
  );
}

export function BudgetEditor({ c, error, onChange }: { c: ContentDraft; error: unknown; onChange: (c: ContentDraft) => void }) {
  const setSource = (i: number, patch: Partial<{ kind: string; text: string }>) =>
    onChange({ ...c, budget_sources: c.budget_sources.map((b, k) => (k === i ? { ...b, ...patch } : b)) });
  return (
    <div data-budget>
      <h3>{t('plans.budget')}</h3>
      {c.budget_sources.map((b, i) => {
        const label = t('plans.budgetN', { n: i + 1 });
        return (
          <fieldset class="fieldset" key={i}>
            <legend>{label}</legend>
            <Field id={`budget-kind-${i}`} label={t('plans.budgetKind')} error={fieldError(error, `budget_sources[${i}].kind`)}>
              <select id={`budget-kind-${i}`} value={b.kind} onChange={(e) => setSource(i, { kind: e.currentTarget.value })}>
                {BUDGET_KINDS.map((k) => (
                  <option value={k}>{t(`plans.budgetKind.${k}`)}</option>
                ))}
              </select>
            </Field>
            <Text id={`budget-text-${i}`} label={t('plans.budgetText')} value={b.text} error={fieldError(error, `budget_sources[${i}].text`)} onInput={(v) => setSource(i, { text: v })} />
            <RowButtons label={label} index={i} count={c.budget_sources.length} onMove={(by) => onChange({ ...c, budget_sources: move(c.budget_sources, i, by) })} onRemove={() => onChange({ ...c, budget_sources: c.budget_sources.filter((_, k) => k !== i) })} />
          </fieldset>
        );
      })}
      <button type="button" class="button button--small" onClick={() => onChange({ ...c, budget_sources: [...c.budget_sources, { kind: 'state_budget', text: '' }] })}>
        {t('plans.addBudget')}
      </button>
    </div>
  );
}

export function RecipientsSignerEditor({ c, error, onChange }: { c: ContentDraft; error: unknown; onChange: (c: ContentDraft) => void }) {
  const setRecipient = (i: number, patch: Partial<{ name: string; note: string }>) =>
    onChange({ ...c, recipients: c.recipients.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
  const setSigner = (patch: Partial<ContentDraft['signer']>) => onChange({ ...c, signer: { ...c.signer, ...patch } });
  return (
    <div data-recipients>
      <h3>{t('plans.recipients')}</h3>
      {c.recipients.map((r, i) => {
        const label = t('plans.recipientN', { n: i + 1 });
        return (
          <fieldset class="fieldset" key={i}>
            <legend>{label}</legend>
            <div class="form-grid">
              <Text id={`recipient-name-${i}`} label={t('plans.recipientName')} value={r.name} error={fieldError(error, `recipients[${i}].name`)} onInput={(v) => setRecipient(i, { name: v })} />
              <Text id={`recipient-note-${i}`} label={t('plans.recipientNote')} value={r.note} error={fieldError(error, `recipients[${i}].note`)} onInput={(v) => setRecipient(i, { note: v })} />
            </div>
            <RowButtons label={label} index={i} count={c.recipients.length} onMove={(by) => onChange({ ...c, recipients: move(c.recipients, i, by) })} onRemove={() => onChange({ ...c, recipients: c.recipients.filter((_, k) => k !== i) })} />
          </fieldset>
        );
      })}
      <button type="button" class="button button--small" onClick={() => onChange({ ...c, recipients: [...c.recipients, { name: '', note: '' }] })}>
        {t('plans.addRecipient')}
      </button>
      <h3>{t('plans.signer')}</h3>
      <div class="form-grid" data-signer>
        <Text id="signer-on-behalf" label={t('plans.signerOnBehalf')} hint={t('plans.signerOnBehalfHint')} value={c.signer.on_behalf_of} error={fieldError(error, 'signer.on_behalf_of')} onInput={(v) => setSigner({ on_behalf_of: v })} />
        <Text id="signer-authority" label={t('plans.signerAuthority')} hint={t('plans.signerAuthorityHint')} value={c.signer.authority} error={fieldError(error, 'signer.authority')} onInput={(v) => setSigner({ authority: v })} />
        <Text id="signer-title" label={t('plans.signerTitle')} value={c.signer.title} error={fieldError(error, 'signer.title')} onInput={(v) => setSigner({ title: v })} />
        <Text id="signer-name" label={t('plans.signerName')} value={c.signer.name} error={fieldError(error, 'signer.name')} onInput={(v) => setSigner({ name: v })} />
      </div>
    </div>
  );
}

export function TargetsEditor({ c, error, onChange }: { c: ContentDraft; error: unknown; onChange: (c: ContentDraft) => void }) {
  const setTarget = (i: number, patch: Partial<TargetDraft>) =>
    onChange({ ...c, targets: c.targets.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  return (
    <div data-targets>
      <h3>{t('plans.targets')}</h3>
      {c.targets.map((tg, i) => {
        const label = t('plans.targetN', { n: i + 1 });
        const setValue = (k: number, patch: Partial<TargetDraft['values'][number]>) =>
          setTarget(i, { values: tg.values.map((v, j) => (j === k ? { ...v, ...patch } : v)) });
        return (
          <fieldset class="fieldset" key={i}>
            <legend>{label}</legend>
            <Text id={`target-text-${i}`} label={t('plans.targetText')} value={tg.text} error={fieldError(error, `targets[${i}].text`)} onInput={(v) => setTarget(i, { text: v })} />
            <Text id={`target-unit-${i}`} label={t('plans.targetUnit')} hint={t('plans.targetUnitHint')} value={tg.unit} error={fieldError(error, `targets[${i}].unit`)} onInput={(v) => setTarget(i, { unit: v })} />
            {tg.values.map((v, k) => (
              <div class="form-grid" key={k}>
                <Text id={`target-year-${i}-${k}`} label={t('plans.targetYearLabel')} value={v.year} error={fieldError(error, `targets[${i}].values[${k}].year`)} onInput={(x) => setValue(k, { year: x })} />
                <Field id={`target-cmp-${i}-${k}`} label={t('plans.targetComparator')} error={fieldError(error, `targets[${i}].values[${k}].comparator`)}>
                  <select id={`target-cmp-${i}-${k}`} value={v.comparator} onChange={(e) => setValue(k, { comparator: e.currentTarget.value })}>
                    <option value=">=">{t('plans.cmpAtLeast')}</option>
                    <option value="<=">{t('plans.cmpAtMost')}</option>
                    <option value="=">{t('plans.cmpEqual')}</option>
                  </select>
                </Field>
                <Text id={`target-value-${i}-${k}`} label={t('plans.targetValueLabel')} hint={t('plans.numberHint')} value={v.value} error={fieldError(error, `targets[${i}].values[${k}].value`)} onInput={(x) => setValue(k, { value: x })} />
                <p class="row-actions">
                  <button type="button" class="button button--small" onClick={() => setTarget(i, { values: tg.values.filter((_, j) => j !== k) })} aria-label={t('plans.remove') + ' ' + t('plans.targetYearLabel') + ' ' + (v.year || k + 1)}>
                    {t('plans.remove')}
                  </button>
                </p>
              </div>
            ))}
            <button type="button" class="button button--small" onClick={() => setTarget(i, { values: [...tg.values, { year: String(new Date().getFullYear()), comparator: '>=', value: '' }] })}>
              {t('plans.addTargetValue')}
            </button>
            <RowButtons label={label} index={i} count={c.targets.length} onMove={(by) => onChange({ ...c, targets: move(c.targets, i, by) })} onRemove={() => onChange({ ...c, targets: c.targets.filter((_, k) => k !== i) })} />
          </fieldset>
        );
      })}
      <button type="button" class="button button--small" onClick={() => onChange({ ...c, targets: [...c.targets, { text: '', unit: '%', values: [] }] })}>
        {t('plans.addTarget')}
      </button>
    </div>
  );
}

/** The reporting duty (chế độ thông tin báo cáo): which template, due when, and its wording. */
export function ReportingEditor({ c, error, onChange }: { c: ContentDraft; error: unknown; onChange: (c: ContentDraft) => void }) {
  const [templates, setTemplates] = useState<ReportTemplate[]>([]);
  useEffect(() => {
    api.reportTemplates().then((p) => setTemplates(p.items)).catch(() => setTemplates([]));
  }, []);
  const setRow = (i: number, patch: Partial<ReportingDraft>) =>
    onChange({ ...c, reporting: c.reporting.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
  const codes = new Set(templates.map((x) => x.code));
  return (
    <div data-reporting-editor>
      <h3>{t('plans.reporting')}</h3>
      {c.reporting.map((r, i) => {
        const label = t('plans.reportingN', { n: i + 1 });
        const id = `reporting-template-${i}`;
        const err = fieldError(error, `reporting[${i}].template_code`);
        return (
          <fieldset class="fieldset" key={i}>
            <legend>{label}</legend>
            <div class="form-grid">
              <Field id={id} label={t('plans.reportingTemplate')} error={err}>
                <select id={id} value={r.template_code} aria-describedby={describedBy(id, err)} onChange={(e) => setRow(i, { template_code: e.currentTarget.value })}>
                  <option value="">{t('plans.reportingChoose')}</option>
                  {templates.map((x) => (
                    <option value={x.code}>{x.title}</option>
                  ))}
                  {r.template_code && !codes.has(r.template_code) && templates.length > 0 && <option value={r.template_code}>{r.template_code}</option>}
                </select>
              </Field>
              <Text id={`reporting-due-${i}`} label={t('plans.reportingDue')} hint="dd/mm/yyyy" value={r.due} error={fieldError(error, `reporting[${i}].due_date`)} onInput={(v) => setRow(i, { due: v })} />
            </div>
            <Field id={`reporting-note-${i}`} label={t('plans.reportingNote')}>
              <textarea id={`reporting-note-${i}`} rows={2} value={r.note} onInput={(e) => setRow(i, { note: e.currentTarget.value })} />
            </Field>
            <RowButtons label={label} index={i} count={c.reporting.length} onMove={(by) => onChange({ ...c, reporting: move(c.reporting, i, by) })} onRemove={() => onChange({ ...c, reporting: c.reporting.filter((_, k) => k !== i) })} />
          </fieldset>
        );
      })}
      <button
        type="button"
        class="button button--small"
        onClick={() => onChange({ ...c, reporting: [...c.reporting, { template_code: '', due: '', note: '', to_unit_id: null, reporting_scope: 'children_and_agencies' }] })}
      >
        {t('plans.addReporting')}
      </button>
    </div>
  );
}
