// "Duyệt vụ việc" (#/vu-viec/phe-duyet): what waits for a case supervisor. Closures asked by
// case workers, each approved or returned here (POST /cases/{id}/close/decision with the
// version read); referrals made without the survivor's consent, with the written reason, to
// review (read-only; the case page has the details).
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api';
import { errorText, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { href } from '../router';

interface Closure {
  id: string;
  code: string;
  unit_name: string | null;
  owner_id: string;
  status: string;
  status_label?: string;
  version: number;
  updated_at?: string;
  closure: {
    reason_label: string | null;
    requested_by: string | null;
    requested_by_name?: string | null;
    requested_by_username?: string | null;
    requested_at?: string | null;
  };
}
interface OverrideReferral {
  id: string;
  service_label: string;
  provider_name?: string | null;
  override_reason: string | null;
  override_by_name?: string | null;
  status_label: string;
  created_at: string;
}
interface Override {
  case_id: string;
  case_code: string;
  unit_name: string | null;
  referral: OverrideReferral;
}
interface Approvals {
  closures: Closure[];
  overrides: Override[];
}

function asker(c: Closure): string {
  const who = c.closure.requested_by_name || c.closure.requested_by_username;
  if (who) return who;
  return c.closure.requested_by && c.closure.requested_by === c.owner_id ? t('approvals.owner') : t('approvals.member');
}

export function CaseApprovalsPage() {
  useTitle(t('approvals.title'));
  const [data, setData] = useState<Approvals | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rowError, setRowError] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    request<Approvals>('GET', '/case-approvals').then(setData).catch(setError);
  }, []);

  const decide = async (c: Closure, approve: boolean) => {
    setBusy(c.id);
    setNotice(null);
    try {
      const next = await request<Closure>('POST', '/cases/' + encodeURIComponent(c.id) + '/close/decision', { body: { approve, version: c.version } });
      setRowError({ ...rowError, [c.id]: '' });
      setData((d) => d && { ...d, closures: d.closures.map((x) => (x.id === c.id ? { ...x, ...next } : x)) });
      setNotice(t(approve ? 'approvals.approved' : 'approvals.returned', { code: c.code }));
    } catch (e) {
      setRowError({ ...rowError, [c.id]: errorText(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="page" data-approvals>
      <PageHeader title={t('approvals.title')} />
      <p class="muted">{t('approvals.intro')}</p>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      {data === null && error == null && <Loading />}
      {data && (
        <>
          <div class="panel" data-closures>
            <h2>{t('approvals.closures')}</h2>
            {data.closures.length === 0 && <p class="muted">{t('approvals.noClosures')}</p>}
            {data.closures.map((c) => {
              const waiting = c.status === 'closure_requested';
              return (
                <div class="care-item" key={c.id} data-closure-item>
                  <strong>
                    <a href={href(['cases', c.id])}>{c.code}</a>
                  </strong>{' '}
                  — {c.unit_name} — <span class="tag">{c.status_label || t(('cases.status.' + c.status) as 'cases.status.open')}</span>
                  <div class="small">
                    {waiting || c.closure.reason_label ? (
                      <>
                        {t('approvals.reason')}: {c.closure.reason_label ?? ''}
                        {' · '}
                        {t('approvals.askedBy')}: {asker(c)}
                      </>
                    ) : (
                      t('approvals.returnedNote')
                    )}
                    {c.closure.requested_at && ' · ' + formatDateTime(c.closure.requested_at)}
                  </div>
                  {rowError[c.id] && (
                    <p class="field__error" role="alert">
                      {rowError[c.id]}
                    </p>
                  )}
                  {waiting && (
                    <div class="actions">
                      <button type="button" class="button button--primary" disabled={busy === c.id} onClick={() => decide(c, true)} aria-label={t('approvals.approveNamed', { code: c.code })}>
                        {t('approvals.approve')}
                      </button>
                      <button type="button" class="button" disabled={busy === c.id} onClick={() => decide(c, false)} aria-label={t('approvals.returnNamed', { code: c.code })}>
                        {t('approvals.return')}
                      </button>
                    </div>
                  )}
                </div>
              );
            })}
          </div>
          <div class="panel" data-overrides>
            <h2>{t('approvals.overrides')}</h2>
            <p class="muted small">{t('approvals.overridesHint')}</p>
            {data.overrides.length === 0 && <p class="muted">{t('approvals.noOverrides')}</p>}
            {data.overrides.map((o) => (
              <div class="care-item" key={o.referral.id} data-override>
                <strong>
                  <a href={href(['cases', o.case_id])}>{o.case_code}</a>
                </strong>{' '}
                — {o.unit_name} — {o.referral.provider_name ? o.referral.provider_name + ' — ' : ''}
                {o.referral.service_label} — {o.referral.status_label}
                <div class="small">
                  <span class="badge--warn">{t('care.withoutConsent')}</span> · {formatDateTime(o.referral.created_at)}
                  {o.referral.override_by_name && ' · ' + o.referral.override_by_name}
                </div>
                <blockquote class="quote">{o.referral.override_reason}</blockquote>
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
