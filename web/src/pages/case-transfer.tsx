// Transfer of a case to another case worker (on the case page, for whoever may manage it):
// explicit, with a written reason, audited by the server. When the caller gives away a case
// they owned and are not named on it any more, the answer is only {transferred, code}: the
// page goes back to the case list with a notice.
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api';
import { describedBy, errorText, Field, fieldError, generalError, Notice } from '../components/common';
import { t } from '../i18n';
import { href, navigate } from '../router';

interface Candidate {
  user_id: string;
  username: string;
  full_name: string;
  unit_name: string;
}

export function CaseTransfer<C extends { id: string; version: number }>({ c, onChange }: { c: C; onChange: (next: C) => void }) {
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    request<{ items: Candidate[] }>('GET', '/cases/' + encodeURIComponent(c.id) + '/transfer-candidates')
      .then((r) => setCandidates(r.items))
      .catch(setLoadError);
  }, [c.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    if (!to) bad.to_user_id = t('transfer.chooseWorker');
    if (!reason.trim()) bad.reason = t('transfer.reasonRequired');
    setLocal(bad);
    setDone(null);
    if (Object.keys(bad).length) return;
    setSaving(true);
    try {
      const r = await request<C | { transferred: true; code: string }>('POST', '/cases/' + encodeURIComponent(c.id) + '/transfer', {
        body: { to_user_id: to, reason: reason.trim(), version: c.version },
      });
      setError(null);
      // Without the case view the caller no longer sees the case: back to the list.
      if (!('id' in r)) {
        navigate(href(['cases'], { chuyen: r.code }));
        return;
      }
      const who = candidates?.find((x) => x.user_id === to);
      setDone(t('transfer.done', { name: who ? who.full_name || who.username : '' }));
      setTo('');
      setReason('');
      onChange(r);
    } catch (e2) {
      setError(e2);
    } finally {
      setSaving(false);
    }
  };
  const err = (k: string) => local[k] || fieldError(error, k);
  const general = generalError(error, ['to_user_id', 'reason']);

  return (
    <div class="panel" data-transfer>
      <h2>{t('transfer.title')}</h2>
      <p class="muted small">{t('transfer.hint')}</p>
      {done && <Notice kind="success">{done}</Notice>}
      {general && <Notice kind="error">{general}</Notice>}
      {loadError != null && <Notice kind="error">{errorText(loadError)}</Notice>}
      {candidates && candidates.length === 0 && <p class="muted">{t('transfer.noCandidates')}</p>}
      {candidates && candidates.length > 0 && (
        <form class="form" onSubmit={submit} noValidate>
          <Field id="transfer-to" label={t('transfer.to')} required error={err('to_user_id')}>
            <select id="transfer-to" value={to} onChange={(e) => {
                setTo((e.target as HTMLSelectElement).value);
                setLocal({ ...local, to_user_id: '' });
              }} aria-describedby={describedBy('transfer-to', undefined, err('to_user_id'))}>
              <option value="">{t('care.choose')}</option>
              {candidates.map((x) => (
                <option key={x.user_id} value={x.user_id}>
                  {(x.full_name || x.username) + ' (' + x.username + ') — ' + x.unit_name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="transfer-reason" label={t('transfer.reason')} required hint={t('transfer.reasonHint')} error={err('reason')}>
            <textarea
              id="transfer-reason"
              rows={3}
              maxLength={2000}
              value={reason}
              onInput={(e) => {
                setReason((e.target as HTMLTextAreaElement).value);
                if (local.reason) setLocal({ ...local, reason: '' });
              }}
              aria-describedby={describedBy('transfer-reason', t('transfer.reasonHint'), err('reason'))}
            />
          </Field>
          <button type="submit" class="button button--primary" disabled={saving}>
            {saving ? t('transfer.saving') : t('transfer.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
