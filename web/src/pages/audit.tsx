// Audit log (#/audit, administrators): newest first, one page at a time via next_cursor.
import { useEffect, useState } from 'preact/hooks';
import { api, type AuditEntry } from '../api';
import { errorText, Notice, PageHeader, useTitle } from '../components/common';
import { formatDateTime } from '../format';
import { t } from '../i18n';

const PAGE = 50;

function detailText(d: unknown): string {
  if (d === null || d === undefined || d === '') return '';
  if (typeof d === 'string') return d;
  try {
    return JSON.stringify(d);
  } catch {
    return String(d);
  }
}

export function AuditPage() {
  useTitle(t('audit.title'));
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState('');
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    api
      .audit({ limit: PAGE, action: filter || undefined })
      .then((p) => {
        if (!live) return;
        setItems(p.items);
        setNext(p.next_cursor);
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [filter]);

  const more = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const p = await api.audit({ limit: PAGE, cursor: next, action: filter || undefined });
      setItems((prev) => [...(prev ?? []), ...p.items]);
      setNext(p.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <section class="page">
      <PageHeader title={t('audit.title')} />
      <p class="muted">{t('audit.intro')}</p>
      <div class="panel">
        <form
          class="toolbar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter(action.trim());
          }}
        >
          <div class="field">
            <label for="audit-action">{t('audit.actionFilter')}</label>
            <input id="audit-action" value={action} onInput={(e) => setAction(e.currentTarget.value)} />
          </div>
          <div class="toolbar__actions">
            <button type="submit" class="button">
              {t('audit.filter')}
            </button>
          </div>
        </form>
        {error != null && <Notice kind="error">{errorText(error)}</Notice>}
        {items === null && error == null && <p class="muted">{t('common.loading')}</p>}
        {items && items.length === 0 && <p class="muted">{t('audit.none')}</p>}
        {items && items.length > 0 && (
          <table class="table table--responsive table--audit">
            <caption class="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.object')}</th>
                <th scope="col">{t('audit.outcome')}</th>
                <th scope="col">{t('audit.address')}</th>
                <th scope="col">{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('audit.time')} class="nowrap">
                    <time dateTime={a.at}>{formatDateTime(a.at, true)}</time>
                  </td>
                  <td data-label={t('audit.user')}>
                    {a.username || (a.action.startsWith('session.') ? t('audit.anonymous') : t('audit.system'))}
                  </td>
                  <td data-label={t('audit.action')}>
                    <code>{a.action}</code>
                  </td>
                  <td data-label={t('audit.object')}>
                    {[a.object_type, a.object_id].filter(Boolean).join(' ') || t('common.dash')}
                  </td>
                  <td data-label={t('audit.outcome')}>
                    <span class={'tag ' + (a.outcome === 'ok' || a.outcome === 'success' ? 'tag--ok' : 'tag--warn')}>
                      {a.outcome}
                    </span>
                  </td>
                  <td data-label={t('audit.address')}>{a.address || t('common.dash')}</td>
                  <td data-label={t('audit.detail')} class="audit-detail">
                    {detailText(a.detail) || t('common.dash')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <button type="button" class="button" onClick={more} disabled={loading}>
            {loading ? t('common.loading') : t('common.loadMore')}
          </button>
        )}
      </div>
    </section>
  );
}
