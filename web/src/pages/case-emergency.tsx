// "Truy cập khẩn cấp" (#/vu-viec/truy-cap-khan, "break the glass"): a case supervisor of the
// case's unit who is not named on it opens it for a few hours after writing why. The owner is
// notified and every read is logged; the page says so before anything is sent.
import { useState } from 'preact/hooks';
import { request } from '../api';
import { describedBy, Field, fieldError, generalError, Notice, PageHeader, useTitle } from '../components/common';
import { t } from '../i18n';
import { href, navigate } from '../router';

export const MIN_EMERGENCY_REASON = 20;

export function CaseEmergencyPage() {
  useTitle(t('emergency.title'));
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const length = [...reason.trim()].length;

  const submit = async (e: Event) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const typed = code.trim().toUpperCase();
    if (!typed) bad.code = t('emergency.codeRequired');
    if (length < MIN_EMERGENCY_REASON) bad.reason = t('emergency.reasonShort', { n: MIN_EMERGENCY_REASON, have: length });
    setLocal(bad);
    if (Object.keys(bad).length) return;
    setSaving(true);
    try {
      const r = await request<{ case_id: string; until: string }>('POST', '/cases/emergency-access', { body: { code: typed, reason: reason.trim() } });
      navigate(href(['cases', r.case_id]));
    } catch (e2) {
      setError(e2);
      setSaving(false);
    }
  };
  const err = (k: string) => local[k] || fieldError(error, k);
  const general = generalError(error, ['code', 'reason']);

  return (
    <section class="page">
      <PageHeader title={t('emergency.title')} />
      <div class="panel">
        <p>{t('emergency.intro')}</p>
        <ul class="bullets">
          <li>{t('emergency.ruleOwner')}</li>
          <li>{t('emergency.ruleLog')}</li>
          <li>{t('emergency.ruleTime')}</li>
        </ul>
      </div>
      {general && <Notice kind="error">{general}</Notice>}
      <form class="panel form" onSubmit={submit} noValidate data-emergency>
        <Field id="em-code" label={t('emergency.code')} required hint={t('emergency.codeHint')} error={err('code')}>
          <input
            id="em-code"
            value={code}
            autocomplete="off"
            spellcheck={false}
            maxLength={40}
            onInput={(e) => {
              setCode((e.target as HTMLInputElement).value);
              if (local.code) setLocal({ ...local, code: '' });
              setError(null);
            }}
            aria-describedby={describedBy('em-code', t('emergency.codeHint'), err('code'))}
          />
        </Field>
        <Field id="em-reason" label={t('emergency.reason')} required hint={t('emergency.reasonHint', { n: MIN_EMERGENCY_REASON })} error={err('reason')}>
          <textarea
            id="em-reason"
            rows={4}
            maxLength={2000}
            value={reason}
            onInput={(e) => {
              setReason((e.target as HTMLTextAreaElement).value);
              if (local.reason) setLocal({ ...local, reason: '' });
            }}
            aria-describedby={describedBy('em-reason', t('emergency.reasonHint', { n: MIN_EMERGENCY_REASON }), err('reason')) + ' em-reason-count'}
          />
        </Field>
        <p class="small muted" id="em-reason-count" aria-live="polite">
          {t('emergency.count', { have: length, n: MIN_EMERGENCY_REASON })}
        </p>
        <button type="submit" class="button button--danger" disabled={saving}>
          {saving ? t('emergency.opening') : t('emergency.open')}
        </button>
      </form>
    </section>
  );
}
