// The detail panel of one unit: ancestors, code, kind, validity, children, lineage across the
// 2025 reform, and, for those allowed, the agencies under it (add, edit).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Lineage, type LineageLink, type ReminderDays, type Unit, type UnitWithAncestors } from '../api';
import { agencyTypeName, useAgencyTypes } from '../agency-types';
import { AgencySetControl } from '../components/agency-set-control';
import { describedBy, errorText, Field, fieldError, generalError, Notice } from '../components/common';
import { formatDate, todayVN } from '../format';
import { t } from '../i18n';
import { canManageUnit, useSession } from '../session';
import { announceUnit } from '../unit-events';
import { atFor, kindLabel, unitHref, validityText } from '../units-format';

interface Props {
  id: string;
  at: string | null;
  effectiveAt: string;
}

function validOn(u: Unit, day: string): boolean {
  return (!u.valid_from || u.valid_from <= day) && (!u.valid_to || u.valid_to >= day);
}

export function UnitDetail({ id, at, effectiveAt }: Props) {
  const { user } = useSession();
  const types = useAgencyTypes();
  const [unit, setUnit] = useState<UnitWithAncestors | null>(null);
  const [lineage, setLineage] = useState<Lineage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .unit(id)
      .then((u) => live && setUnit(u))
      .catch((e) => live && setError(e));
    api
      .lineage(id)
      .then((l) => live && setLineage(l))
      .catch(() => live && setLineage(null));
    return () => {
      live = false;
    };
  }, [id, reloadKey]);

  // On narrow screens the detail sits below the tree: bring a newly chosen unit into view.
  const articleRef = useRef<HTMLElement>(null);
  const loadedId = unit?.id;
  useEffect(() => {
    const el = articleRef.current;
    if (!el || !loadedId) return;
    const r = el.getBoundingClientRect();
    if (r.top > window.innerHeight * 0.6 || r.top < 0) el.scrollIntoView({ block: 'start' });
  }, [loadedId]);

  if (error != null) {
    return (
      <div class="panel">
        <Notice kind="error">
          {error instanceof ApiError && error.status === 404 ? t('units.notFound') : errorText(error)}
        </Notice>
      </div>
    );
  }
  if (!unit) {
    return (
      <div class="panel">
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      </div>
    );
  }

  const manage = canManageUnit(user, unit, unit.ancestors);
  const onSaved = (u: Unit) => {
    setUnit({ ...u, ancestors: unit.ancestors });
    announceUnit(u, false);
  };

  return (
    <article class="panel unit-detail" aria-labelledby="unit-detail-title" ref={articleRef}>
      {unit.ancestors.length > 0 && (
        <nav aria-label={t('units.breadcrumb')}>
          <ol class="breadcrumb">
            {unit.ancestors.map((a) => (
              <li key={a.id}>
                <a href={unitHref(a.id, at)}>{a.full_name || a.name}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h2 id="unit-detail-title" ref={headingRef} tabIndex={-1}>
        {unit.full_name || unit.name}
      </h2>
      {!validOn(unit, effectiveAt) && (
        <Notice kind="info">
          {t('units.notValidAt', { date: formatDate(effectiveAt), validity: validityText(unit) })}
        </Notice>
      )}
      <dl class="facts">
        <dt>{t('units.code')}</dt>
        <dd>{unit.code || t('common.dash')}</dd>
        <dt>{t('units.kind')}</dt>
        <dd>{kindLabel(unit.kind)}</dd>
        {unit.kind === 'agency' && (
          <>
            <dt>{t('units.agencyType')}</dt>
            <dd>{agencyTypeName(types, unit.agency_type) || t('common.dash')}</dd>
          </>
        )}
        <dt>{t('units.validity')}</dt>
        <dd>{validityText(unit)}</dd>
        <dt>{t('units.childCount')}</dt>
        <dd>{unit.child_count}</dd>
      </dl>

      {validOn(unit, todayVN()) && <ReminderDaysSection unit={unit} />}

      {unit.kind === 'agency' && manage && (
        <AgencyEditor unit={unit} onSaved={onSaved} onReload={() => setReloadKey((k) => k + 1)} />
      )}

      {unit.kind !== 'agency' && <LineageSection lineage={lineage} />}

      {unit.kind !== 'agency' && (
        <AgencyList unit={unit} at={at} effectiveAt={effectiveAt} manage={manage} />
      )}
    </article>
  );
}

// The days before a due date when the activities this unit leads are reminded: the unit's own,
// those of the nearest unit above that chose them, or the default (7 and 1). Its planners choose.
function ReminderDaysSection({ unit }: { unit: UnitWithAncestors }) {
  const [view, setView] = useState<ReminderDays | null>(null);
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const take = (v: ReminderDays) => {
    setView(v);
    setFirst(String(v.first_days));
    setLast(String(v.last_days));
  };
  useEffect(() => {
    let live = true;
    setView(null);
    setError(null);
    setSaved(false);
    api.reminderDays(unit.id).then(
      (v) => live && take(v),
      () => live && setView(null), // not this caller's to see: no section
    );
    return () => {
      live = false;
    };
  }, [unit.id]);
  if (!view) return null;
  const source =
    view.set_by_unit_id === null
      ? t('units.reminders.default')
      : view.set_by_unit_id === unit.id
        ? t('units.reminders.own')
        : t('units.reminders.from', {
            unit: unit.ancestors.find((a) => a.id === view.set_by_unit_id)?.full_name ?? t('units.reminders.above'),
          });
  const run = async (change: () => Promise<ReminderDays>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      take(await change());
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void run(() => api.setReminderDays(unit.id, { first_days: Number(first), last_days: Number(last) }));
  };
  const firstErr = fieldError(error, 'first_days');
  const lastErr = fieldError(error, 'last_days');
  const general = generalError(error, ['first_days', 'last_days']);
  return (
    <section class="detail-section" aria-labelledby="reminders-title">
      <h3 id="reminders-title">{t('units.reminders.title')}</h3>
      <p data-reminder-days>
        {t('units.reminders.summary', { first: view.first_days, last: view.last_days })} <span class="muted">({source})</span>
      </p>
      {saved && <Notice kind="success">{t('units.reminders.saved')}</Notice>}
      {general && <Notice kind="error">{general}</Notice>}
      {view.may_change && (
        <form class="subform" onSubmit={submit} noValidate aria-labelledby="reminders-title">
          <div class="form-grid">
            <Field id="reminder-first" label={t('units.reminders.first')} required error={firstErr}>
              <input
                id="reminder-first"
                type="number"
                inputMode="numeric"
                min={1}
                max={60}
                class="input--short"
                value={first}
                aria-invalid={firstErr ? true : undefined}
                aria-describedby={describedBy('reminder-first', undefined, firstErr)}
                onInput={(e) => setFirst(e.currentTarget.value)}
              />
            </Field>
            <Field id="reminder-last" label={t('units.reminders.last')} required hint={t('units.reminders.lastHint')} error={lastErr}>
              <input
                id="reminder-last"
                type="number"
                inputMode="numeric"
                min={0}
                max={59}
                class="input--short"
                value={last}
                aria-invalid={lastErr ? true : undefined}
                aria-describedby={describedBy('reminder-last', t('units.reminders.lastHint'), lastErr)}
                onInput={(e) => setLast(e.currentTarget.value)}
              />
            </Field>
          </div>
          <div class="form-actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              {busy ? t('common.saving') : t('units.reminders.save')}
            </button>
            {view.set_by_unit_id === unit.id && (
              <button type="button" class="button" disabled={busy} onClick={() => void run(() => api.clearReminderDays(unit.id))}>
                {t('units.reminders.clear')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

function LineageSection({ lineage }: { lineage: Lineage | null }) {
  if (!lineage) return null;
  const none = lineage.predecessors.length === 0 && lineage.successors.length === 0;
  return (
    <section class="detail-section" aria-labelledby="lineage-title">
      <h3 id="lineage-title">{t('units.lineage')}</h3>
      {none && <p class="muted">{t('units.noLineage')}</p>}
      {lineage.predecessors.length > 0 && <LinkList title={t('units.predecessors')} links={lineage.predecessors} id="lineage-pred" />}
      {lineage.successors.length > 0 && <LinkList title={t('units.successors')} links={lineage.successors} id="lineage-succ" />}
    </section>
  );
}

function LinkList({ title, links, id }: { title: string; links: LineageLink[]; id: string }) {
  return (
    <div class="lineage">
      <h4 id={id}>{title}</h4>
      <ul class="lineage__list" aria-labelledby={id}>
        {links.map((l) => (
          <li key={l.unit.id}>
            <a href={unitHref(l.unit.id, atFor(l.unit))}>{l.unit.full_name || l.unit.name}</a>{' '}
            <span class={'tag tag--' + l.type}>{l.type === 'full' ? t('units.full') : t('units.partial')}</span>{' '}
            <span class="muted small">
              {l.unit.code} · {validityText(l.unit)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AgencyList({ unit, at, effectiveAt, manage }: { unit: Unit; at: string | null; effectiveAt: string; manage: boolean }) {
  const types = useAgencyTypes();
  const [items, setItems] = useState<Unit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .children(unit.id, { kind: 'agency', at: effectiveAt, limit: 200 })
      .then((p) => live && setItems(p.items))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [unit.id, effectiveAt, reload]);

  return (
    <section class="detail-section" aria-labelledby="agencies-title">
      <div class="section-head">
        <h3 id="agencies-title">{t('units.agencies')}</h3>
        {manage && !adding && (
          <button
            type="button"
            ref={addButton}
            class="button button--primary button--small"
            aria-expanded={false}
            onClick={() => {
              setCreated(null);
              setAdding(true);
            }}
          >
            {t('units.addAgency')}
          </button>
        )}
      </div>
      {created && <Notice kind="success">{t('units.agencyCreated', { name: created })}</Notice>}
      {manage && validOn(unit, todayVN()) && <AgencySetControl unit={unit} onApplied={() => setReload((k) => k + 1)} />}
      {manage && adding && (
        <AgencyForm
          parent={unit}
          onCancel={() => {
            setAdding(false);
            setTimeout(() => addButton.current?.focus());
          }}
          onCreated={(u) => {
            setItems((prev) => [...(prev ?? []), u]);
            setCreated(u.full_name || u.name);
            setAdding(false);
            announceUnit(u, true);
            setTimeout(() => addButton.current?.focus());
          }}
        />
      )}
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {items === null && error == null && <p class="muted">{t('common.loading')}</p>}
      {items && items.length === 0 && <p class="muted">{t('units.noAgencies')}</p>}
      {items && items.length > 0 && (
        <ul class="agency-list" aria-labelledby="agencies-title">
          {items.map((a) => (
            <li key={a.id}>
              <a href={unitHref(a.id, at)}>{a.full_name || a.name}</a>
              {a.agency_type && <span class="muted small"> · {agencyTypeName(types, a.agency_type)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const AGENCY_FIELDS = ['name', 'agency_type', 'code'];

function AgencyForm({ parent, onCancel, onCreated }: { parent: Unit; onCancel: () => void; onCreated: (u: Unit) => void }) {
  const types = useAgencyTypes();
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { parent_id: string; name: string; agency_type: string; code?: string } = {
        parent_id: parent.id,
        name: name.trim(),
        agency_type: type,
      };
      if (code.trim()) body.code = code.trim();
      onCreated(await api.createAgency(body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const general = generalError(error, AGENCY_FIELDS);
  const nameErr = fieldError(error, 'name');
  const typeErr = fieldError(error, 'agency_type');
  const codeErr = fieldError(error, 'code');
  return (
    <form class="subform" onSubmit={submit} noValidate aria-labelledby="add-agency-title">
      <h4 id="add-agency-title">
        {t('units.addAgency')} — {parent.full_name || parent.name}
      </h4>
      {general && <Notice kind="error">{general}</Notice>}
      <Field id="agency-name" label={t('units.agencyName')} required error={nameErr}>
        <input
          id="agency-name"
          ref={first}
          value={name}
          aria-invalid={nameErr ? true : undefined}
          aria-describedby={describedBy('agency-name', undefined, nameErr)}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <Field id="agency-type" label={t('units.agencyType')} required error={typeErr}>
        <select
          id="agency-type"
          value={type}
          aria-invalid={typeErr ? true : undefined}
          aria-describedby={describedBy('agency-type', undefined, typeErr)}
          onChange={(e) => setType(e.currentTarget.value)}
        >
          <option value="">{t('units.chooseType')}</option>
          {types.map((ty) => (
            <option key={ty.code} value={ty.code}>
              {ty.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="agency-code" label={t('units.agencyCode')} error={codeErr}>
        <input
          id="agency-code"
          value={code}
          class="input--short"
          aria-invalid={codeErr ? true : undefined}
          aria-describedby={describedBy('agency-code', undefined, codeErr)}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </Field>
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('units.addAgency')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AgencyEditor({ unit, onSaved, onReload }: { unit: Unit; onSaved: (u: Unit) => void; onReload: () => void }) {
  const types = useAgencyTypes();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(unit.name);
  const [type, setType] = useState(unit.agency_type ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  // A reload (after a conflict) brings a new version: take its values in the same task as the
  // heading shows them (a useEffect ran a frame later, and the form showed the old name meanwhile).
  useLayoutEffect(() => {
    setName(unit.name);
    setType(unit.agency_type ?? '');
  }, [unit.version, unit.name, unit.agency_type]);

  useEffect(() => {
    if (editing) first.current?.focus();
  }, [editing]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    setReloaded(false);
    try {
      const body: { version: number; name?: string; agency_type?: string } = { version: unit.version };
      if (name.trim() !== unit.name) body.name = name.trim();
      if (type !== (unit.agency_type ?? '')) body.agency_type = type;
      const u = await api.updateUnit(unit.id, body);
      onSaved(u);
      setSaved(true);
      setEditing(false);
      setTimeout(() => editButton.current?.focus());
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409) {
        setReloaded(true);
        onReload();
      }
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <div class="detail-section">
        {saved && <Notice kind="success">{t('units.saved')}</Notice>}
        <button
          type="button"
          ref={editButton}
          class="button"
          aria-expanded={false}
          onClick={() => {
            setSaved(false);
            setError(null);
            setEditing(true);
          }}
        >
          {t('units.editAgency')}
        </button>
      </div>
    );
  }

  const general = generalError(error, ['name', 'agency_type']);
  const nameErr = fieldError(error, 'name');
  const typeErr = fieldError(error, 'agency_type');
  return (
    <form class="subform detail-section" onSubmit={submit} noValidate aria-labelledby="edit-agency-title">
      <h3 id="edit-agency-title">{t('units.editAgency')}</h3>
      {general && (
        <Notice kind="error">
          <p>{general}</p>
          {reloaded && <p>{t('common.reloaded')}</p>}
        </Notice>
      )}
      <Field id="edit-agency-name" label={t('units.agencyName')} required error={nameErr}>
        <input
          id="edit-agency-name"
          ref={first}
          value={name}
          aria-invalid={nameErr ? true : undefined}
          aria-describedby={describedBy('edit-agency-name', undefined, nameErr)}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <Field id="edit-agency-type" label={t('units.agencyType')} error={typeErr}>
        <select
          id="edit-agency-type"
          value={type}
          aria-invalid={typeErr ? true : undefined}
          aria-describedby={describedBy('edit-agency-type', undefined, typeErr)}
          onChange={(e) => setType(e.currentTarget.value)}
        >
          <option value="">{t('units.chooseType')}</option>
          {types.map((ty) => (
            <option key={ty.code} value={ty.code}>
              {ty.name}
            </option>
          ))}
        </select>
      </Field>
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button
          type="button"
          class="button"
          onClick={() => {
            setEditing(false);
            setError(null);
            setName(unit.name);
            setType(unit.agency_type ?? '');
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
