// "Vụ việc" (#/cases): the case worker's GBV cases. The list names no one (code, type, date,
// status); a case shows its survivor's identifying details only after an explicit click, which
// the server writes to the case's access log; a form opens a new case with its first incident.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  AGE_BANDS,
  casesApi,
  DV_FORMS,
  GBV_TYPES,
  PLACE_TYPES,
  RELATIONSHIPS,
  REPORT_CHANNELS,
  REPORTERS,
  SEXES,
  type AccessEntry,
  type CaseDetail,
  type CaseSummary,
  type Identity,
} from '../cases-api';
import { describedBy, errorText, Field, fieldError, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { formatDate, formatDateTime, formatTimeDate, parseDate } from '../format';
import { t, type MessageKey } from '../i18n';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';
import { CaseCare, type CareCase } from './case-care';
import { CaseTransfer } from './case-transfer';

/** The label of a code: `cases.<group>.<code>`. */
function label(group: string, code: string | null | undefined): string {
  return code ? t(('cases.' + group + '.' + code) as MessageKey) : '';
}

/** What an access-log entry did, in words; an action this page does not know reads as "other". */
function accessWhat(what: string): string {
  const key = ('cases.accessWhat.' + what) as MessageKey;
  const text = t(key);
  return text === key ? t('cases.accessWhat.other') : text;
}

export function CasesPage({ route }: { route: Route }) {
  const id = route.segments[1];
  if (id === 'new') return <NewCase />;
  if (id) return <CaseView id={id} />;
  return <CaseList transferred={route.params.get('chuyen')} />;
}

function CaseList({ transferred }: { transferred?: string | null }) {
  useTitle(t('cases.title'));
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    casesApi
      .list({ limit: 200 })
      .then((p) => setItems(p.items))
      .catch(setError);
  }, []);
  return (
    <section class="page">
      <PageHeader title={t('cases.title')}>
        <a class="button button--primary" href={href(['cases', 'new'])}>
          {t('cases.new')}
        </a>
      </PageHeader>
      <p class="muted">{t('cases.intro')}</p>
      {transferred && <Notice kind="success">{t('transfer.gone', { code: transferred })}</Notice>}
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      <div class="panel">
        {items === null && error == null && <Loading />}
        {items && items.length === 0 && <p class="muted">{t('cases.none')}</p>}
        {items && items.length > 0 && (
          <table class="table table--responsive" data-cases>
            <caption class="visually-hidden">{t('cases.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.code')}</th>
                <th scope="col">{t('cases.type')}</th>
                <th scope="col">{t('cases.date')}</th>
                <th scope="col">{t('cases.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('cases.code')}>
                    <a href={href(['cases', c.id])}>{c.code}</a>
                  </td>
                  <td data-label={t('cases.type')}>{label('gbv', c.gbv_type)}</td>
                  <td data-label={t('cases.date')}>{formatDate(c.occurred_on ?? c.opened_on)}</td>
                  <td data-label={t('cases.status')}>
                    <span class="tag">{label('status', c.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function CaseView({ id }: { id: string }) {
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [log, setLog] = useState<AccessEntry[] | null>(null);
  useTitle(c ? t('cases.caseTitle', { code: c.code }) : t('cases.title'));

  const loadLog = (detail: CaseDetail) => {
    if (!detail.can_manage) return;
    casesApi
      .accessLog(detail.id)
      .then((p) => setLog(p.items))
      .catch(setError);
  };
  useEffect(() => {
    setIdentity(null);
    casesApi
      .get(id)
      .then((d) => {
        setCase(d);
        loadLog(d);
      })
      .catch(setError);
  }, [id]);

  // The survivor's new answer about being counted (PATCH answers the record, not the view).
  const toggleConsent = async () => {
    if (!c) return;
    try {
      const record = await casesApi.setConsent(c.id, { version: c.version, consent_to_count: !c.consent_to_count });
      setCase({ ...c, ...record });
      setError(null);
      loadLog(c);
    } catch (e) {
      setError(e);
    }
  };

  const reveal = async () => {
    try {
      setIdentity(await casesApi.revealIdentity(id));
      if (c) loadLog(c);
    } catch (e) {
      setError(e);
    }
  };

  if (!c) {
    return (
      <section class="page">
        <PageHeader title={t('cases.title')} />
        {error != null ? <Notice kind="error">{errorText(error)}</Notice> : <Loading />}
      </section>
    );
  }
  return (
    <section class="page" data-case>
      <PageHeader title={t('cases.caseTitle', { code: c.code })}>
        <a class="button" href={href(['cases'])}>
          {t('cases.back')}
        </a>
      </PageHeader>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {c.emergency_until && (
        <div class="notice notice--warn" role="status" data-emergency-banner>
          <strong>{t('emergency.banner', { until: formatTimeDate(c.emergency_until) })}</strong> {t('emergency.bannerHint')}
        </div>
      )}
      {c.possible_duplicates > 0 && <Notice kind="info">{t('cases.duplicates', { n: c.possible_duplicates })}</Notice>}
      <div class="panel">
        <h2>{t('cases.survivor')}</h2>
        <dl class="facts">
          <dt>{t('cases.status')}</dt>
          <dd>{label('status', c.status)}</dd>
          <dt>{t('cases.unit')}</dt>
          <dd>{c.unit_name}</dd>
          <dt>{t('cases.opened')}</dt>
          <dd>{formatDate(c.opened_on)}</dd>
          <dt>{t('cases.sex')}</dt>
          <dd>{label('sex', c.sex)}</dd>
          <dt>{t('cases.ageBand')}</dt>
          <dd>{label('age', c.age_band)}</dd>
          <dt>{t('cases.ethnicity')}</dt>
          <dd>{c.ethnicity}</dd>
          <dt>{t('cases.disability')}</dt>
          <dd>{c.disability ? t('cases.yes') : t('cases.no')}</dd>
          <dt>{t('cases.consentShort')}</dt>
          <dd data-consent>{c.consent_to_count ? t('cases.consentYes') : t('cases.consentNo')}</dd>
        </dl>
        {c.can_manage && (
          <button type="button" class="button button--wrap" onClick={toggleConsent}>
            {c.consent_to_count ? t('cases.consentWithdraw') : t('cases.consentGive')}
          </button>
        )}
      </div>
      <div class="panel" data-identity>
        <h2>{t('cases.identity')}</h2>
        {identity === null ? (
          <>
            <p class="muted">{t('cases.identityHidden')}</p>
            <button type="button" class="button button--primary" onClick={reveal}>
              {t('cases.reveal')}
            </button>
          </>
        ) : (
          <>
            <dl class="facts">
              <dt>{t('cases.fullName')}</dt>
              <dd>{identity.full_name}</dd>
              <dt>{t('cases.dob')}</dt>
              <dd>{formatDate(identity.date_of_birth)}</dd>
              <dt>{t('cases.phone')}</dt>
              <dd>{identity.phone}</dd>
              <dt>{t('cases.address')}</dt>
              <dd>{identity.address}</dd>
              <dt>{t('cases.nationalId')}</dt>
              <dd>{identity.national_id}</dd>
            </dl>
            <button type="button" class="button" onClick={() => setIdentity(null)}>
              {t('cases.hide')}
            </button>
          </>
        )}
      </div>
      <div class="panel">
        <h2>{t('cases.incidents')}</h2>
        {c.incidents.map((i) => (
          <dl class="facts" key={i.id}>
            <dt>{t('cases.gbvType')}</dt>
            <dd>{label('gbv', i.gbv_type)}</dd>
            <dt>{t('cases.dvForm')}</dt>
            <dd>{i.dv_form ? label('dv', i.dv_form) : t('cases.dvNone')}</dd>
            <dt>{t('cases.occurredOn')}</dt>
            <dd>{formatDate(i.occurred_on)}</dd>
            <dt>{t('cases.reportedOn')}</dt>
            <dd>
              {formatDate(i.reported_on)} ({t('cases.daysToReport')}: {i.days_to_report})
            </dd>
            <dt>{t('cases.howReported')}</dt>
            <dd>{label('channel', i.how_reported)}</dd>
            {i.reported_by && (
              <>
                <dt>{t('cases.reportedBy')}</dt>
                <dd>{label('reporter', i.reported_by)}</dd>
              </>
            )}
            <dt>{t('cases.placeType')}</dt>
            <dd>{label('place', i.place_type)}</dd>
            <dt>{t('cases.relationship')}</dt>
            <dd>
              {label('rel', i.perpetrator_relationship)} · {label('sex', i.perpetrator_sex)} ·{' '}
              {label('age', i.perpetrator_age_band)}
            </dd>
          </dl>
        ))}
      </div>
      <CaseCare
        c={c as unknown as CareCase}
        onChange={(next) => {
          setCase(next as unknown as CaseDetail);
          loadLog(next as unknown as CaseDetail);
        }}
      />
      {c.can_manage && <CaseTransfer c={c} onChange={(next) => setCase(next)} />}
      {log && (
        <div class="panel" data-access-log>
          <h2>{t('cases.accessLog')}</h2>
          <p class="muted small">{t('cases.accessLogHint')}</p>
          <ul class="result-list">
            {log.map((a, n) => (
              <li key={n} class="result">
                {formatDateTime(a.at)} — {a.username} — {accessWhat(a.what)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

interface Choice {
  id: string;
  label: string;
  group: string;
  codes: readonly string[];
  value: string;
  set: (v: string) => void;
  error?: string;
  empty?: string;
  hint?: string;
}

function Select({ id, label: text, group, codes, value, set, error, empty, hint }: Choice) {
  return (
    <Field id={id} label={text} error={error} hint={hint}>
      <select id={id} value={value} onChange={(e) => set((e.target as HTMLSelectElement).value)} aria-describedby={describedBy(id, hint, error)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {codes.map((c) => (
          <option key={c} value={c}>
            {label(group, c)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function NewCase() {
  useTitle(t('cases.new'));
  const { user } = useSession();
  const [unit, setUnit] = useState<PickedUnit | null>({ id: user.unit_id, name: user.unit_name });
  const [f, setF] = useState<Record<string, string>>({
    sex: 'female',
    age_band: 'unknown',
    ethnicity: '',
    full_name: '',
    date_of_birth: '',
    phone: '',
    address: '',
    national_id: '',
    occurred_on: '',
    reported_on: '',
    how_reported: 'commune_committee',
    reported_by: 'survivor',
    place_type: 'home',
    gbv_type: 'physical_assault',
    dv_form: 'physical',
    perpetrator_relationship: 'intimate_partner',
    perpetrator_sex: 'male',
    perpetrator_age_band: 'unknown',
  });
  const [disability, setDisability] = useState(false);
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = (k: string) => (v: string) => setF({ ...f, [k]: v });
  const err = (k: string) => dateErrors[k] ?? fieldError(error, k) ?? fieldError(error, 'incident.' + k);

  const submit = async (e: Event) => {
    e.preventDefault();
    const dates: Record<string, string> = {};
    const bad: Record<string, string> = {};
    for (const k of ['date_of_birth', 'occurred_on', 'reported_on']) {
      if (!f[k] && k === 'date_of_birth') continue;
      const iso = parseDate(f[k]);
      if (iso) dates[k] = iso;
      else bad[k] = t('cases.dateInvalid');
    }
    setDateErrors(bad);
    if (Object.keys(bad).length) return;
    setSaving(true);
    try {
      const created = await casesApi.create({
        unit_id: unit?.id ?? '',
        sex: f.sex,
        age_band: f.age_band,
        ethnicity: f.ethnicity,
        disability,
        consent_to_count: consent,
        full_name: f.full_name,
        date_of_birth: dates.date_of_birth ?? '',
        phone: f.phone,
        address: f.address,
        national_id: f.national_id,
        incident: {
          occurred_on: dates.occurred_on,
          reported_on: dates.reported_on,
          how_reported: f.how_reported,
          reported_by: f.reported_by,
          place_type: f.place_type,
          gbv_type: f.gbv_type,
          dv_form: f.dv_form,
          perpetrator_relationship: f.perpetrator_relationship,
          perpetrator_sex: f.perpetrator_sex,
          perpetrator_age_band: f.perpetrator_age_band,
        },
      });
      navigate(href(['cases', created.id]));
    } catch (e2) {
      setError(e2);
      setSaving(false);
    }
  };

  const text = (k: string, lbl: string, required = false, hint?: string) => (
    <Field id={'case-' + k} label={lbl} required={required} hint={hint} error={err(k)}>
      <input
        id={'case-' + k}
        value={f[k]}
        onInput={(e) => set(k)((e.target as HTMLInputElement).value)}
        aria-describedby={describedBy('case-' + k, hint, err(k))}
        autocomplete="off"
      />
    </Field>
  );

  return (
    <section class="page">
      <PageHeader title={t('cases.new')}>
        <a class="button" href={href(['cases'])}>
          {t('cases.back')}
        </a>
      </PageHeader>
      {error instanceof ApiError && error.details.length === 0 && <Notice kind="error">{errorText(error)}</Notice>}
      <form class="panel form" onSubmit={submit} noValidate data-new-case>
        <h2>{t('cases.survivor')}</h2>
        <div class="form-grid">
          <UnitPicker id="case-unit" label={t('cases.unit')} value={unit} onChange={setUnit} required error={fieldError(error, 'unit_id')} />
          {text('full_name', t('cases.fullName'), true)}
          {text('date_of_birth', t('cases.dob'), false, t('cases.dateHint'))}
          <Select id="case-sex" label={t('cases.sex')} group="sex" codes={SEXES} value={f.sex} set={set('sex')} error={err('sex')} />
          <Select id="case-age" label={t('cases.ageBand')} group="age" codes={AGE_BANDS} value={f.age_band} set={set('age_band')} hint={t('cases.ageBandHint')} />
          {text('ethnicity', t('cases.ethnicity'))}
          {text('phone', t('cases.phone'))}
          {text('address', t('cases.address'))}
          {text('national_id', t('cases.nationalId'))}
          <label class="checkbox">
            <input type="checkbox" checked={disability} onChange={(e) => setDisability((e.target as HTMLInputElement).checked)} />{' '}
            {t('cases.disability')}
          </label>
          <div class={'field field--wide' + (fieldError(error, 'consent_to_count') ? ' field--error' : '')}>
            {fieldError(error, 'consent_to_count') && (
              <p class="field__error" id="case-consent-error" data-field-error>
                {fieldError(error, 'consent_to_count')}
              </p>
            )}
            <label class="checkbox checkbox--consent">
              <input
                type="checkbox"
                id="case-consent"
                checked={consent}
                aria-describedby={'case-consent-hint' + (fieldError(error, 'consent_to_count') ? ' case-consent-error' : '')}
                onChange={(e) => setConsent((e.target as HTMLInputElement).checked)}
              />{' '}
              {t('cases.consentToCount')} <span class="field__required">({t('cases.consentAsk')})</span>
            </label>
            <p class="field__hint" id="case-consent-hint">
              {t('cases.consentHint')}
            </p>
          </div>
        </div>
        <h2>{t('cases.incident')}</h2>
        <div class="form-grid">
          {text('occurred_on', t('cases.occurredOn'), true, t('cases.dateHint'))}
          {text('reported_on', t('cases.reportedOn'), true, t('cases.dateHint'))}
          <Select id="case-gbv" label={t('cases.gbvType')} group="gbv" codes={GBV_TYPES} value={f.gbv_type} set={set('gbv_type')} error={err('gbv_type')} />
          <Select id="case-dv" label={t('cases.dvForm')} group="dv" codes={DV_FORMS} value={f.dv_form} set={set('dv_form')} empty={t('cases.dvNone')} />
          <Select id="case-channel" label={t('cases.howReported')} group="channel" codes={REPORT_CHANNELS} value={f.how_reported} set={set('how_reported')} />
          <Select id="case-reporter" label={t('cases.reportedBy')} group="reporter" codes={REPORTERS} value={f.reported_by} set={set('reported_by')} error={err('reported_by')} />
          <Select id="case-place" label={t('cases.placeType')} group="place" codes={PLACE_TYPES} value={f.place_type} set={set('place_type')} />
          <Select id="case-rel" label={t('cases.relationship')} group="rel" codes={RELATIONSHIPS} value={f.perpetrator_relationship} set={set('perpetrator_relationship')} />
          <Select id="case-perp-sex" label={t('cases.perpSex')} group="sex" codes={SEXES} value={f.perpetrator_sex} set={set('perpetrator_sex')} />
          <Select id="case-perp-age" label={t('cases.perpAge')} group="age" codes={AGE_BANDS} value={f.perpetrator_age_band} set={set('perpetrator_age_band')} />
        </div>
        <button type="submit" class="button button--primary" disabled={saving}>
          {saving ? t('cases.creating') : t('cases.create')}
        </button>
      </form>
    </section>
  );
}
