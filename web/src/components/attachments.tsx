// The attachments of one plan, report or activity: the list with each file to download, and —
// for whoever may change the object — a file to upload and a remove button (two clicks). The
// server decides who may: a refusal comes back as its message.
import { useEffect, useState } from 'preact/hooks';
import { attachmentsApi, MAX_ATTACHMENT_BYTES, type Attachment, type AttachmentOwner } from '../attachments-api';
import { formatDateTime, formatNumber } from '../format';
import { t, type MessageKey } from '../i18n';
import { errorText, Notice } from './common';

function sizeText(bytes: number): string {
  if (bytes < 1024) return formatNumber(bytes) + ' B';
  if (bytes < 1024 * 1024) return formatNumber(Math.round(bytes / 1024)) + ' KB';
  return (bytes / (1024 * 1024)).toFixed(1).replace('.', ',') + ' MB';
}

const HINTS: Record<AttachmentOwner, MessageKey> = {
  plans: 'attach.hintPlan',
  reports: 'attach.hintReport',
  activities: 'attach.hintActivity',
};

export function AttachmentsPanel({ owner, id, canChange }: { owner: AttachmentOwner; id: string; canChange: boolean }) {
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);

  const load = async (forId: string) => {
    try {
      const list = await attachmentsApi.list(owner, forId);
      if (forId === id) setItems(list.items);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    setItems(null);
    setError(null);
    setMessage(null);
    load(id);
  }, [owner, id]);

  const upload = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    if (!file) {
      setError(new Error(t('attach.pickFirst')));
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(new Error(t('attach.tooLarge')));
      return;
    }
    setBusy(true);
    try {
      const saved = await attachmentsApi.upload(owner, id, file.name, await file.arrayBuffer());
      setError(null);
      setFile(null);
      setInputKey((k) => k + 1);
      // The list is reloaded before the notice shows, so the notice never describes a list
      // that has not caught up yet.
      await load(id);
      setMessage(t('attach.uploaded', { name: saved.file_name }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (a: Attachment) => {
    if (confirm !== a.id) {
      setConfirm(a.id);
      return;
    }
    setConfirm(null);
    try {
      await attachmentsApi.remove(a.id);
      setError(null);
      setItems((list) => (list === null ? list : list.filter((x) => x.id !== a.id)));
      setMessage(t('attach.removed'));
      await load(id);
    } catch (err) {
      setError(err);
    }
  };

  const inputId = 'attach-file-' + owner + '-' + id;
  return (
    <div class="panel attachments" data-attachments={owner}>
      <h2>{t('attach.title')}</h2>
      <p class="hint">{t(HINTS[owner])}</p>
      {message && <Notice kind="success">{message}</Notice>}
      {error !== null && <Notice kind="error">{errorText(error)}</Notice>}
      {items === null ? null : items.length === 0 ? (
        <p>{t('attach.none')}</p>
      ) : (
        <ul class="attachment-list">
          {items.map((a) => (
            <li key={a.id} data-attachment={a.id}>
              <a href={a.href} download={a.file_name}>
                {a.file_name}
              </a>{' '}
              <span class="muted">
                ({t(('attach.kind.' + a.kind) as MessageKey)}, {sizeText(a.size)}) ·{' '}
                {t('attach.by', { who: a.created_by.full_name, when: formatDateTime(a.created_at) })}
              </span>
              {canChange && (
                <button type="button" class="button button--small" onClick={() => remove(a)}>
                  {confirm === a.id ? t('attach.confirmRemove') : t('attach.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && (
        <form class="attachment-upload" onSubmit={upload}>
          <label for={inputId}>{t('attach.choose')}</label>
          <input
            key={inputKey}
            id={inputId}
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('attach.uploading') : t('attach.upload')}
          </button>
        </form>
      )}
    </div>
  );
}
