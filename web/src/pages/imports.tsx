// Bulk import (#/nhap-du-lieu): download a template, upload the filled .xlsx, see every error by
// row and column, then import everything or only the valid rows, and save the sheet of initial
// passwords binhdang generated. Administrators and unit administrators.
import { useRef, useState } from 'preact/hooks';
import { errorText, Notice, PageHeader, useTitle } from '../components/common';
import { formatNumber } from '../format';
import { t } from '../i18n';
import {
  credentialsSheet,
  importFile,
  templateUrl,
  type ImportKind,
  type ImportMode,
  type ImportOutcome,
} from '../imports-api';

/** How many errors the table shows at once; the rest are counted. */
const SHOWN_ERRORS = 500;

type Busy = { mode: ImportMode; rows: number | null } | null;

export function ImportsPage() {
  useTitle(t('imports.title'));
  const [kind, setKind] = useState<ImportKind>('users');
  const [file, setFile] = useState<{ name: string; bytes: ArrayBuffer } | null>(null);
  const [check, setCheck] = useState<ImportOutcome | null>(null);
  const [done, setDone] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  const reset = () => {
    setFile(null);
    setCheck(null);
    setDone(null);
    setError(null);
    if (input.current) input.current.value = '';
  };

  const choose = (next: ImportKind) => {
    setKind(next);
    reset();
  };

  const onFile = async (e: Event) => {
    const picked = (e.target as HTMLInputElement).files?.[0];
    if (!picked) return;
    setCheck(null);
    setDone(null);
    setError(null);
    const bytes = await picked.arrayBuffer();
    setFile({ name: picked.name, bytes });
    setBusy({ mode: 'check', rows: null });
    try {
      setCheck(await importFile(kind, 'check', bytes));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const write = async (mode: ImportMode) => {
    if (!file || !check) return;
    setBusy({ mode, rows: mode === 'all' ? check.rows : check.valid });
    setError(null);
    try {
      const outcome = await importFile(kind, mode, file.bytes);
      if (outcome.written > 0) setDone(outcome);
      else setCheck(outcome);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const savePasswords = async () => {
    if (!done) return;
    try {
      const blob = await credentialsSheet(done.credentials);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'mat-khau-ban-dau.xlsx';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      setError(err);
    }
  };

  const outcome = check;
  const errorRows = outcome ? outcome.rows - outcome.valid : 0;

  return (
    <section class="page imports">
      <PageHeader title={t('imports.title')}>
        <p class="muted">{t('imports.intro')}</p>
      </PageHeader>

      <fieldset class="imports__kind" disabled={busy !== null}>
        <legend>{t('imports.what')}</legend>
        <label>
          <input type="radio" name="import-kind" checked={kind === 'users'} onChange={() => choose('users')} />{' '}
          {t('imports.kind.users')}
        </label>
        <label>
          <input type="radio" name="import-kind" checked={kind === 'agencies'} onChange={() => choose('agencies')} />{' '}
          {t('imports.kind.agencies')}
        </label>
      </fieldset>

      <ol class="imports__steps">
        <li>
          <h2>{t('imports.step.template')}</h2>
          <p>{t(kind === 'users' ? 'imports.templateHint.users' : 'imports.templateHint.agencies')}</p>
          <a class="button" href={templateUrl(kind)} download>
            {t(kind === 'users' ? 'imports.downloadTemplate.users' : 'imports.downloadTemplate.agencies')}
          </a>
        </li>
        <li>
          <h2>{t('imports.step.upload')}</h2>
          <label class="button">
            {t('imports.chooseFile')}
            <input
              ref={input}
              type="file"
              class="visually-hidden"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy !== null}
              onChange={(e) => void onFile(e)}
              data-import-file
            />
          </label>
          {file && <span class="imports__file"> {file.name}</span>}
        </li>
      </ol>

      {busy && (
        <div class="notice notice--info imports__busy" role="status" aria-live="polite">
          <progress aria-label={t('imports.working')} />{' '}
          {busy.mode === 'check'
            ? t('imports.checking', { name: file?.name ?? '', size: formatNumber(Math.ceil((file?.bytes.byteLength ?? 0) / 1024)) })
            : t('imports.importing', { n: formatNumber(busy.rows ?? 0) })}
          {busy.mode !== 'check' && kind === 'users' && <span class="muted"> {t('imports.hashingHint')}</span>}
        </div>
      )}

      {error !== null && <Notice kind="error">{errorText(error)}</Notice>}

      {done && (
        <div class="imports__done">
          <Notice kind="success">
            {t(kind === 'users' ? 'imports.done.users' : 'imports.done.agencies', {
              n: formatNumber(done.written),
            })}
            {done.errors.length > 0 && ' ' + t('imports.doneSkipped', { n: formatNumber(done.rows - done.valid) })}
          </Notice>
          {done.credentials.length > 0 && (
            <div class="imports__passwords">
              <p>{t('imports.passwordsHint', { n: formatNumber(done.credentials.length) })}</p>
              <button type="button" class="button button--primary" onClick={() => void savePasswords()}>
                {t('imports.downloadPasswords')}
              </button>
            </div>
          )}
          <p>
            <button type="button" class="button" onClick={reset}>
              {t('imports.another')}
            </button>
          </p>
        </div>
      )}

      {!done && outcome && (
        <div class="imports__result" data-import-result>
          <h2>{t('imports.step.result')}</h2>
          <p class="imports__summary">
            {t('imports.summary', {
              rows: formatNumber(outcome.rows),
              valid: formatNumber(outcome.valid),
              bad: formatNumber(errorRows),
            })}
            {outcome.example_row ? ' ' + t('imports.exampleSkipped', { row: outcome.example_row }) : ''}
          </p>
          {outcome.error && outcome.mode !== 'check' && <Notice kind="error">{outcome.error.message}</Notice>}
          {outcome.errors.length > 0 && (
            <div class="table-scroll">
              <table class="table imports__errors">
                <caption>{t('imports.errorsCaption', { n: formatNumber(outcome.errors.length) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('imports.col.row')}</th>
                    <th scope="col">{t('imports.col.column')}</th>
                    <th scope="col">{t('imports.col.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                    <tr key={i}>
                      <td class="num">{e.row}</td>
                      <td>{e.column}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {outcome.errors.length > SHOWN_ERRORS && (
                <p class="muted">
                  {t('imports.moreErrors', { n: formatNumber(outcome.errors.length - SHOWN_ERRORS) })}
                </p>
              )}
            </div>
          )}
          {outcome.rows === 0 && <Notice kind="info">{t('imports.noRows')}</Notice>}
          <p class="imports__actions">
            <button
              type="button"
              class="button button--primary"
              disabled={busy !== null || outcome.rows === 0 || errorRows > 0}
              onClick={() => void write('all')}
            >
              {t('imports.importAll', { n: formatNumber(outcome.rows) })}
            </button>{' '}
            {errorRows > 0 && outcome.valid > 0 && (
              <button type="button" class="button" disabled={busy !== null} onClick={() => void write('valid')}>
                {t('imports.importValid', { n: formatNumber(outcome.valid) })}
              </button>
            )}
          </p>
          {errorRows > 0 && <p class="muted">{t('imports.fixHint')}</p>}
        </div>
      )}
    </section>
  );
}
