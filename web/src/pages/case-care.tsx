// The care of a case on its page: measures with their legal clocks (the 12-hour countdown of a
// no-contact request, the last day the law allows), referrals to the service directory with the
// survivor's consent, follow-ups of the case plan, and the closure a supervisor approves. Every
// label comes from the server (…_label, /case-codes); every write answers the whole case.
import { useEffect, useState } from 'preact/hooks';
import { request, type Page } from '../api';
import { errorText, fieldError, Notice } from '../components/common';
import { formatDate, formatDateTime, parseDate } from '../format';
import { t } from '../i18n';

interface Code {
  code: string;
  label: string;
}
interface Codes {
  measure_types: Code[];
  measure_authorities: Code[];
  close_reasons: Code[];
  service_kinds: Code[];
}
interface Measure {
  id: string;
  type_label: string;
  authority_label: string;
  status: string;
  status_label: string;
  requested_at: string;
  decided_at: string | null;
  starts_on: string | null;
  ends_on: string | null;
  note: string;
  version: number;
  decision_due_at: string | null;
  decision_overdue: boolean;
  decided_late: boolean;
  max_ends_on: string | null;
  expired: boolean;
}
interface Referral {
  id: string;
  provider_id: string;
  service_label: string;
  consent: boolean;
  consent_on: string | null;
  override_reason: string | null;
  status: string;
  status_label: string;
  version: number;
}
interface Followup {
  id: string;
  due_on: string;
  done_on: string | null;
  overdue: boolean;
  note: string;
  version: number;
}
export interface CareCase {
  id: string;
  unit_id: string;
  status: string;
  version: number;
  measures: Measure[];
  referrals: Referral[];
  followups: Followup[];
  closure: { reason_label: string | null; closed_at: string | null };
  can_approve_closure: boolean;
}
interface Provider {
  id: string;
  name: string;
  services: Code[];
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
/** What the officer typed (dd/mm/yyyy) as the API's yyyy-mm-dd; a malformed date goes as typed,
 * so the server names the field in its answer instead of the form dropping it. */
const iso = (typed: string) => (typed.trim() === '' ? '' : parseDate(typed) ?? typed);

function countdown(due: string): string {
  const ms = Date.parse(due) - Date.now();
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  return t('care.dueIn', { h, m });
}

export function CaseCare({ c, onChange }: { c: CareCase; onChange: (next: CareCase) => void }) {
  const [codes, setCodes] = useState<Codes | null>(null);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [measure, setMeasure] = useState({ type: '', authority: '', note: '' });
  const [referral, setReferral] = useState({ provider_id: '', service: '', consent: true, consent_on: formatDate(today()), override_reason: '' });
  const [followup, setFollowup] = useState({ due_on: '', note: '' });
  const [reason, setReason] = useState('');
  const [, tick] = useState(0);

  useEffect(() => {
    request<Codes>('GET', '/case-codes').then(setCodes).catch(setError);
    request<Page<Provider>>('GET', '/services', { query: { unit: c.unit_id, limit: 100 } })
      .then((p) => setProviders(p.items))
      .catch(setError);
    const timer = setInterval(() => tick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, [c.unit_id]);

  const write = async (method: string, path: string, body: unknown, reset?: () => void) => {
    try {
      const next = await request<CareCase>(method, '/cases/' + encodeURIComponent(c.id) + path, { body });
      setError(null);
      reset?.();
      onChange(next);
    } catch (e) {
      setError(e);
    }
  };
  const open = c.status !== 'closed' && c.status !== 'closure_requested';
  const err = (f: string) => fieldError(error, f);
  const provider = providers.find((p) => p.id === referral.provider_id);

  return (
    <>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      <div class="panel" data-measures>
        <h2>{t('care.measures')}</h2>
        <p class="muted small">{t('care.measuresHint')}</p>
        {c.measures.length === 0 && <p class="muted">{t('care.none')}</p>}
        {c.measures.map((m) => (
          <div class="care-item" key={m.id} data-measure>
            <strong>{m.type_label}</strong> — {m.authority_label} — {m.status_label}
            <div class="small">
              {t('care.requestedAt')}: {formatDateTime(m.requested_at)}
              {m.decision_due_at && m.status === 'requested' && (
                <>
                  {' · '}
                  {t('care.decisionDue')}: {formatDateTime(m.decision_due_at)}{' '}
                  {m.decision_overdue ? (
                    <span class="badge--warn">{t('care.overdue')}</span>
                  ) : (
                    <span data-countdown>({countdown(m.decision_due_at)})</span>
                  )}
                </>
              )}
              {m.decided_late && <span class="badge--warn"> {t('care.decidedLate')}</span>}
              {m.starts_on && (
                <>
                  {' · '}
                  {t('care.startsOn')} {formatDate(m.starts_on)}
                  {m.ends_on && ' ' + t('care.endsOn').toLowerCase() + ' ' + formatDate(m.ends_on)}
                </>
              )}
              {m.expired && <span class="badge--warn"> {t('care.expired')}</span>}
            </div>
            {m.note && <div class="small">{m.note}</div>}
            {open && m.status === 'requested' && (
              <MeasureDecision m={m} error={error} onSave={(body) => write('PATCH', '/measures/' + m.id, body)} />
            )}
            {open && m.status === 'in_force' && (
              <div class="actions">
                <button type="button" class="button" onClick={() => write('PATCH', '/measures/' + m.id, { version: m.version, status: 'ended' })}>
                  {t('care.end')}
                </button>
              </div>
            )}
          </div>
        ))}
        {open && codes && (
          <form
            class="care-form"
            onSubmit={(e) => {
              e.preventDefault();
              write('POST', '/measures', measure, () => setMeasure({ type: '', authority: '', note: '' }));
            }}
          >
            <CodeSelect id="m-type" label={t('care.type')} codes={codes.measure_types} value={measure.type} error={err('type')} set={(v) => setMeasure({ ...measure, type: v })} />
            <CodeSelect id="m-auth" label={t('care.authority')} codes={codes.measure_authorities} value={measure.authority} error={err('authority')} set={(v) => setMeasure({ ...measure, authority: v })} />
            <label class="field">
              <span class="field__label">{t('care.note')}</span>
              <input class="input" value={measure.note} onInput={(e) => setMeasure({ ...measure, note: (e.target as HTMLInputElement).value })} />
            </label>
            <button class="button button--primary" type="submit">
              {t('care.addMeasure')}
            </button>
          </form>
        )}
      </div>

      <div class="panel" data-referrals>
        <h2>{t('care.referrals')}</h2>
        {c.referrals.length === 0 && <p class="muted">{t('care.none')}</p>}
        {c.referrals.map((r) => (
          <div class="care-item" key={r.id} data-referral>
            <strong>{providers.find((p) => p.id === r.provider_id)?.name ?? t('care.providerGone')}</strong> — {r.service_label} — {r.status_label}
            <div class="small">
              {r.consent ? t('care.consentOn') + ': ' + formatDate(r.consent_on ?? '') : <span class="badge--warn">{t('care.withoutConsent')}</span>}
              {r.override_reason && ' — ' + r.override_reason}
            </div>
          </div>
        ))}
        {open && (
          <form
            class="care-form"
            onSubmit={(e) => {
              e.preventDefault();
              const body = referral.consent
                ? { provider_id: referral.provider_id, service: referral.service, consent: true, consent_on: iso(referral.consent_on) }
                : { provider_id: referral.provider_id, service: referral.service, consent: false, override_reason: referral.override_reason };
              write('POST', '/referrals', body);
            }}
          >
            <CodeSelect
              id="r-provider"
              label={t('care.provider')}
              codes={providers.map((p) => ({ code: p.id, label: p.name }))}
              value={referral.provider_id}
              error={err('provider_id')}
              set={(v) => setReferral({ ...referral, provider_id: v, service: '' })}
            />
            <CodeSelect id="r-service" label={t('care.service')} codes={provider?.services ?? []} value={referral.service} error={err('service')} set={(v) => setReferral({ ...referral, service: v })} />
            <label class="field">
              <span>
                <input type="checkbox" checked={referral.consent} onChange={(e) => setReferral({ ...referral, consent: (e.target as HTMLInputElement).checked })} /> {t('care.consent')}
              </span>
              {err('consent') && <span class="field__error">{err('consent')}</span>}
            </label>
            {referral.consent ? (
              <label class="field">
                <span class="field__label">{t('care.consentOn')}</span>
                <input class="input" inputMode="numeric" placeholder="dd/mm/yyyy" value={referral.consent_on} onInput={(e) => setReferral({ ...referral, consent_on: (e.target as HTMLInputElement).value })} />
                {err('consent_on') && <span class="field__error">{err('consent_on')}</span>}
              </label>
            ) : (
              <label class="field">
                <span class="field__label">{t('care.overrideReason')}</span>
                <textarea class="input" value={referral.override_reason} onInput={(e) => setReferral({ ...referral, override_reason: (e.target as HTMLTextAreaElement).value })} />
                {err('override_reason') && <span class="field__error">{err('override_reason')}</span>}
              </label>
            )}
            <button class="button button--primary" type="submit">
              {t('care.addReferral')}
            </button>
          </form>
        )}
      </div>

      <div class="panel" data-followups>
        <h2>{t('care.followups')}</h2>
        {c.followups.length === 0 && <p class="muted">{t('care.none')}</p>}
        {c.followups.map((f) => (
          <div class="care-item" key={f.id} data-followup>
            <strong>{formatDate(f.due_on)}</strong>
            {f.done_on ? ' — ' + t('care.doneOn') + ' ' + formatDate(f.done_on) : f.overdue && <span class="badge--warn"> {t('care.followupOverdue')}</span>}
            {f.note && <div class="small">{f.note}</div>}
            {open && !f.done_on && (
              <div class="actions">
                <button type="button" class="button" onClick={() => write('PATCH', '/followups/' + f.id, { version: f.version, done_on: today() })}>
                  {t('care.markDone')}
                </button>
              </div>
            )}
          </div>
        ))}
        {open && (
          <form
            class="care-form"
            onSubmit={(e) => {
              e.preventDefault();
              write('POST', '/followups', { due_on: iso(followup.due_on), note: followup.note }, () => setFollowup({ due_on: '', note: '' }));
            }}
          >
            <label class="field">
              <span class="field__label">{t('care.dueOn')}</span>
              <input class="input" inputMode="numeric" placeholder="dd/mm/yyyy" value={followup.due_on} onInput={(e) => setFollowup({ ...followup, due_on: (e.target as HTMLInputElement).value })} />
              {err('due_on') && <span class="field__error">{err('due_on')}</span>}
            </label>
            <label class="field">
              <span class="field__label">{t('care.note')}</span>
              <input class="input" value={followup.note} onInput={(e) => setFollowup({ ...followup, note: (e.target as HTMLInputElement).value })} />
            </label>
            <button class="button button--primary" type="submit">
              {t('care.addFollowup')}
            </button>
          </form>
        )}
      </div>

      <div class="panel" data-closure>
        <h2>{t('care.closure')}</h2>
        {c.status === 'closed' && <p>{t('care.closed', { d: formatDateTime(c.closure.closed_at ?? ''), reason: c.closure.reason_label ?? '' })}</p>}
        {c.status === 'closure_requested' && (
          <>
            <p>{t('care.closureWaiting', { reason: c.closure.reason_label ?? '' })}</p>
            {c.can_approve_closure && (
              <div class="actions">
                <button type="button" class="button button--primary" onClick={() => write('POST', '/close/decision', { version: c.version, approve: true })}>
                  {t('care.approveClose')}
                </button>
                <button type="button" class="button" onClick={() => write('POST', '/close/decision', { version: c.version, approve: false })}>
                  {t('care.returnClose')}
                </button>
              </div>
            )}
          </>
        )}
        {open && codes && (
          <form
            class="care-form"
            onSubmit={(e) => {
              e.preventDefault();
              write('POST', '/close', { version: c.version, reason });
            }}
          >
            <CodeSelect id="close-reason" label={t('care.closeReason')} codes={codes.close_reasons} value={reason} error={err('reason')} set={setReason} />
            <button class="button care-form__wide" type="submit">
              {t('care.requestClose')}
            </button>
          </form>
        )}
      </div>
    </>
  );
}

function MeasureDecision({ m, onSave }: { m: Measure; error: unknown; onSave: (body: unknown) => void }) {
  const [starts, setStarts] = useState(formatDate(today()));
  const [ends, setEnds] = useState(formatDate(m.max_ends_on));
  return (
    <div class="actions">
      <label class="field">
        <span class="field__label">{t('care.startsOn')}</span>
        <input class="input" inputMode="numeric" placeholder="dd/mm/yyyy" value={starts} onInput={(e) => setStarts((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span class="field__label">{t('care.endsOn')}</span>
        <input class="input" inputMode="numeric" placeholder="dd/mm/yyyy" value={ends} onInput={(e) => setEnds((e.target as HTMLInputElement).value)} />
      </label>
      <button type="button" class="button button--primary" onClick={() => onSave({ version: m.version, status: 'in_force', starts_on: iso(starts), ...(ends ? { ends_on: iso(ends) } : {}) })}>
        {t('care.decide')}
      </button>
      <button type="button" class="button" onClick={() => onSave({ version: m.version, status: 'refused' })}>
        {t('care.refuse')}
      </button>
    </div>
  );
}

function CodeSelect({ id, label, codes, value, set, error }: { id: string; label: string; codes: Code[]; value: string; set: (v: string) => void; error?: string }) {
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <select id={id} class="input" value={value} onChange={(e) => set((e.target as HTMLSelectElement).value)}>
        <option value="">{t('care.choose')}</option>
        {codes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.label}
          </option>
        ))}
      </select>
      {error && <span class="field__error">{error}</span>}
    </div>
  );
}
