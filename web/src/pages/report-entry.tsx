// The data-entry page of one report: it mirrors the template (narratives, then tables with
// running totals) and saves itself. It also works without a connection: a report its reporter
// opened once is kept on the device (offline-store.ts), what is typed is written there first and
// shown as "chưa gửi" until the server takes it, and when someone else changed the report
// meanwhile the officer compares the two versions field by field and chooses (report-merge.ts).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, ensureCsrfToken, type Cell, type Report, type ReportRow, type ReportTemplate, type TemplateTable, type User } from '../api';
import { AttachmentsPanel } from '../components/attachments';
import { errorText, Field, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { formatDateTime, formatDate, formatNumber } from '../format';
import { t, type MessageKey } from '../i18n';
import { listStored, loadStored, storeLocal, storeSent, storeServerCopy, type LocalEntry, type StoredReport } from '../offline-store';
import { cellPart, differences, LEVEL_NAMES, merge, type Content, type FieldDifference, type Side } from '../report-merge';
import { href } from '../router';
import { useSession } from '../session';

const LEVELS = ['tinh', 'huyen', 'xa'];
/** How often unsent entries are tried again while the server cannot be reached (ms). */
const RETRY_MS = 20000;

export function StatusTag({ report }: { report: Report }) {
  const late = report.on_time === false;
  return (
    <span class={'tag ' + (report.status === 'accepted' ? 'tag--ok' : report.status === 'returned' ? 'tag--warn' : '')}>
      {t(('reports.status.' + report.status) as MessageKey)}
      {report.on_time !== null && ' · ' + (late ? t('reports.late') : t('reports.onTime'))}
    </span>
  );
}

/** "Chưa gửi": entries typed on this device that the server does not have yet. */
export function UnsentTag() {
  return (
    <span class="tag tag--warn" data-testid="unsent">
      {t('offline.unsent')}
    </span>
  );
}

function emptyRow(table: TemplateTable): ReportRow {
  const values: Record<string, Cell> = {};
  for (const c of table.columns) values[c.key] = c.by_sex ? { male: 0, female: 0 } : 0;
  return { table: table.key, item: table.items[0].key, detail: '', level: 'xa', values };
}

function contentOf(r: Report): Content {
  return { sections: r.sections ?? {}, rows: r.rows ?? [] };
}

function mayEnterReport(user: User, r: Report): boolean {
  return user.roles.includes('admin') || (user.roles.includes('reporter') && user.unit_id === r.unit_id);
}

function isOpen(r: Report): boolean {
  return r.status === 'draft' || r.status === 'returned';
}

/** Local entries that met a changed report: the two versions, and what the officer chose. */
interface Merging {
  server: Report;
  local: LocalEntry;
  diffs: FieldDifference[];
}

export function ReportPage({ id }: { id: string }) {
  const { user } = useSession();
  const [report, setReport] = useState<Report | null>(null);
  const [template, setTemplate] = useState<ReportTemplate | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [comment, setComment] = useState('');
  // Offline: the page shows the device's copy, fetched then (ISO instant); null when live.
  const [deviceCopyOf, setDeviceCopyOf] = useState<string | null>(null);
  const [unsent, setUnsent] = useState(false);
  const [deviceError, setDeviceError] = useState(false);
  const [merging, setMerging] = useState<Merging | null>(null);
  // Local entries the server can no longer take (the report was submitted or accepted meanwhile).
  const [stranded, setStranded] = useState<LocalEntry | null>(null);
  const edits = useRef(0);
  const sentEdits = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef<Report | null>(null);
  const local = useRef<LocalEntry | null>(null);
  const serverContent = useRef<Content>({ sections: {}, rows: [] });
  const saving = useRef<Promise<Report | null> | null>(null);
  useTitle(report ? report.unit_name + ' — ' + report.period_label : t('reports.title'));

  const show = (r: Report) => {
    latest.current = r;
    setReport(r);
  };

  /** Entries stored on the device meet the server's current report. */
  const meet = useCallback(
    (r: Report, tpl: ReportTemplate, entry: LocalEntry): 'send' | 'merge' | 'stranded' | 'same' => {
      const diffs = differences(tpl, entry.base, contentOf(r), entry);
      if (diffs.length === 0) return 'same';
      if (!isOpen(r) || !mayEnterReport(user, r)) return 'stranded';
      if (r.version === entry.base_version) return 'send';
      setMerging({ server: r, local: entry, diffs });
      return 'merge';
    },
    [user],
  );

  const load = useCallback(async () => {
    setConflict(false);
    setError(null);
    setMerging(null);
    setStranded(null);
    let stored: StoredReport | null = null;
    try {
      stored = await loadStored(user, id);
    } catch {
      stored = null;
    }
    try {
      const r = await api.report(id);
      const tpl = await api.reportTemplate(r.template_id);
      serverContent.current = contentOf(r);
      setTemplate(tpl);
      setDeviceCopyOf(null);
      if (mayEnterReport(user, r)) {
        storeServerCopy(user, r, tpl)
          .then(() => setDeviceError(false))
          .catch(() => setDeviceError(true));
      }
      const entry = stored?.local ?? null;
      const outcome = entry ? meet(r, tpl, entry) : 'same';
      if (entry && outcome === 'send') {
        // Typed without a connection on this very version: send it now.
        local.current = entry;
        edits.current = sentEdits.current + 1;
        show({ ...r, sections: entry.sections, rows: entry.rows });
        setUnsent(true);
        window.setTimeout(() => void saveRef.current(), 0);
        return;
      }
      if (entry && outcome === 'same') void storeLocal(user, id, null).catch(() => setDeviceError(true));
      if (outcome === 'stranded') setStranded(entry);
      local.current = outcome === 'merge' || outcome === 'stranded' ? entry : null;
      sentEdits.current = edits.current;
      setUnsent(outcome === 'merge' || outcome === 'stranded');
      show(r);
    } catch (e) {
      if (e instanceof ApiError && e.status === 0 && stored) {
        // No connection: the copy kept on this device, with what was typed since.
        serverContent.current = contentOf(stored.server);
        local.current = stored.local;
        setTemplate(stored.template);
        setDeviceCopyOf(stored.fetched_at);
        setUnsent(!!stored.local);
        show(stored.local ? { ...stored.server, sections: stored.local.sections, rows: stored.local.rows } : stored.server);
        return;
      }
      setError(e);
    }
  }, [id, user, meet]);
  useEffect(() => {
    void load();
  }, [load]);

  const mayEnter = !!report && mayEnterReport(user, report);
  const editable = mayEnter && isOpen(report) && !merging;
  const canWithdraw = mayEnter && report.status === 'submitted' && !deviceCopyOf;
  const canReview = !!report && report.status === 'submitted' && !deviceCopyOf && (user.roles.includes('admin') || user.roles.includes('reviewer'));

  const send = async (): Promise<Report | null> => {
    const r = latest.current;
    if (!r) return null;
    window.clearTimeout(timer.current);
    if (edits.current === sentEdits.current) return r;
    const upTo = edits.current;
    const entry = local.current;
    try {
      await ensureCsrfToken();
      const saved = await api.updateReport(r.id, { version: r.version, sections: r.sections, rows: r.rows });
      sentEdits.current = upTo;
      serverContent.current = { sections: r.sections ?? {}, rows: r.rows ?? [] };
      const now = latest.current ?? r;
      // What was typed while the request was out stays in the page, on the new version.
      show({ ...saved, sections: now.sections, rows: now.rows });
      const done = edits.current === upTo;
      if (done) local.current = null;
      else if (local.current) local.current = { ...local.current, base_version: saved.version, base: serverContent.current };
      if (entry) {
        storeSent(user, { ...saved, sections: r.sections, rows: r.rows }, entry).catch(() => setDeviceError(true));
      }
      setUnsent(!done);
      setDeviceCopyOf(null);
      setNotice(t('reports.saved', { time: formatDateTime(saved.updated_at) }));
      setError(null);
      if (!done) timer.current = window.setTimeout(() => void saveRef.current(), 2500);
      return latest.current;
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        // Kept on the device; tried again when the connection returns.
        setNotice(null);
        setDeviceCopyOf((d) => d ?? new Date().toISOString());
        return null;
      }
      if (e instanceof ApiError && e.status === 409) {
        try {
          const current = await api.report(r.id);
          setDeviceCopyOf(null);
          const tpl = template ?? (await api.reportTemplate(current.template_id));
          const mine = local.current ?? { ...contentOf(r), base_version: r.version, base: serverContent.current, edited_at: new Date().toISOString() };
          const outcome = meet(current, tpl, mine);
          if (outcome === 'stranded') setStranded(mine);
          if (outcome === 'send') {
            show({ ...current, sections: mine.sections, rows: mine.rows });
            return await send();
          }
          if (outcome === 'same') {
            sentEdits.current = edits.current;
            local.current = null;
            void storeLocal(user, r.id, null);
            setUnsent(false);
            show(current);
          }
          return null;
        } catch {
          setConflict(true);
          return null;
        }
      }
      setError(e);
      return null;
    }
  };
  const save = (): Promise<Report | null> => {
    // One request at a time: a save asked for while one is out follows it.
    const run = (saving.current ?? Promise.resolve(null)).then(() => send());
    saving.current = run.finally(() => {
      if (saving.current === run) saving.current = null;
    });
    return run;
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  // The connection is back (or seems to be): send what waits, or reload the device's copy.
  useEffect(() => {
    const retry = () => {
      if (deviceCopyOf && edits.current === sentEdits.current && !local.current) void load();
      else if (edits.current !== sentEdits.current) void saveRef.current();
      else if (deviceCopyOf) void load();
    };
    window.addEventListener('online', retry);
    const every = window.setInterval(() => {
      if (deviceCopyOf || edits.current !== sentEdits.current) retry();
    }, RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      window.clearInterval(every);
    };
  }, [deviceCopyOf, load]);

  const change = (next: Report) => {
    edits.current++;
    show(next);
    const entry: LocalEntry = {
      sections: next.sections ?? {},
      rows: next.rows ?? [],
      base_version: local.current?.base_version ?? next.version,
      base: local.current?.base ?? serverContent.current,
      edited_at: new Date().toISOString(),
    };
    local.current = entry;
    setUnsent(true);
    // On the device first, so nothing typed is lost if the page closes or the network drops.
    storeLocal(user, next.id, entry)
      .then(() => setDeviceError(false))
      .catch(() => setDeviceError(true));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveRef.current(), 2500);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const act = async (action: 'submit' | 'withdraw' | 'return' | 'accept') => {
    setNotice(null);
    const r = action === 'submit' ? await save() : latest.current;
    if (!r) return;
    if (action === 'submit' && edits.current !== sentEdits.current) return;
    try {
      await ensureCsrfToken();
      const next = await api.reportAction(r.id, action, { version: r.version, comment: action === 'return' ? comment : undefined });
      show({ ...next });
      if (mayEnterReport(user, next) && template) void storeServerCopy(user, next, template).catch(() => setDeviceError(true));
      if (action === 'submit') setNotice(t('reports.submittedOk'));
      if (action === 'withdraw') setNotice(t('reports.withdrawnOk'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.currentVersion !== null) setConflict(true);
      else setError(e);
    }
  };

  const upload = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      await api.uploadReportXlsx(id, await file.arrayBuffer());
      await load();
      setNotice(t('reports.uploaded'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(true);
      else setError(err);
    }
    input.value = '';
  };

  const resolve = (chosen: Content) => {
    if (!merging) return;
    const server = merging.server;
    setMerging(null);
    serverContent.current = contentOf(server);
    local.current = { ...chosen, base_version: server.version, base: contentOf(server), edited_at: new Date().toISOString() };
    edits.current++;
    show({ ...server, sections: chosen.sections, rows: chosen.rows });
    setUnsent(true);
    void storeLocal(user, server.id, local.current).catch(() => setDeviceError(true));
    void saveRef.current();
  };

  const discard = async () => {
    if (!window.confirm(t('offline.discardConfirm'))) return;
    await storeLocal(user, id, null).catch(() => setDeviceError(true));
    local.current = null;
    edits.current = sentEdits.current;
    await load();
  };

  if (!report || !template) {
    return (
      <section class="page">
        {error ? (
          <Notice kind="error">
            {error instanceof ApiError && error.status === 0 ? t('offline.notOnDevice') : errorText(error)}
          </Notice>
        ) : (
          <Loading />
        )}
      </section>
    );
  }
  const sections = report.sections ?? {};
  const rows = report.rows ?? [];

  return (
    <section class="page report-entry">
      <PageHeader title={template.title}>
        <p>
          {report.unit_name} — {report.period_label} — {t('reports.due')}: <strong>{formatDate(report.due_date)}</strong> —{' '}
          <span data-testid="report-status">
            <StatusTag report={report} />
          </span>{' '}
          {unsent && <UnsentTag />}
        </p>
      </PageHeader>
      {deviceCopyOf && (
        <Notice kind="info">
          <span data-testid="offline-notice">
            {unsent ? t('offline.workingUnsent') : t('offline.working')} {t('offline.copyOf', { time: formatDateTime(deviceCopyOf) })}
          </span>
        </Notice>
      )}
      {deviceError && <Notice kind="error">{t('offline.deviceError')}</Notice>}
      {stranded && (
        <Notice kind="error">
          {t('offline.stranded', { status: t(('reports.status.' + report.status) as MessageKey) })}{' '}
          <button type="button" class="button button--small" onClick={() => void discard()}>
            {t('offline.discard')}
          </button>
        </Notice>
      )}
      {merging && <MergePanel template={template} merging={merging} onResolve={resolve} />}
      {report.status === 'returned' && report.return_comment && (
        <Notice kind="error">{t('reports.returnedNotice', { comment: report.return_comment })}</Notice>
      )}
      {conflict && (
        <Notice kind="error">
          {t('reports.conflict')}{' '}
          <button type="button" class="button button--small" onClick={() => void load()}>
            {t('reports.reload')}
          </button>
        </Notice>
      )}
      {!!error && <Notice kind="error">{errorText(error)}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      {!mayEnter && !canReview && <p class="muted">{t('reports.forbiddenEdit')}</p>}
      {canWithdraw && (
        <p class="muted" data-testid="report-readonly">
          {t('reports.submittedReadOnly')}{' '}
          <button type="button" class="button button--small" onClick={() => void act('withdraw')}>
            {t('reports.withdraw')}
          </button>
        </p>
      )}
      {mayEnter && report.status === 'accepted' && <p class="muted">{t('reports.acceptedReadOnly')}</p>}
      {!deviceCopyOf && (
        <p>
          <a class="button button--small" href={`/api/v1/reports/${encodeURIComponent(report.id)}/xlsx`}>
            {t('reports.xlsx')}
          </a>{' '}
          <a class="button button--small" href={`/api/v1/reports/${encodeURIComponent(report.id)}/document.docx`} download>
            {t('reports.docx')}
          </a>{' '}
          <a class="button button--small" href={`/api/v1/reports/${encodeURIComponent(report.id)}/document.pdf`} download>
            {t('reports.pdf')}
          </a>{' '}
          {editable && (
            <label class="button button--small">
              {t('reports.upload')}
              <input type="file" class="visually-hidden" accept=".xlsx" onChange={upload} />
            </label>
          )}
        </p>
      )}

      <h2>{t('reports.sections')}</h2>
      {template.sections.map((s) => (
        <Field key={s.key} id={'section-' + s.key} label={s.title}>
          <textarea
            id={'section-' + s.key}
            rows={3}
            readOnly={!editable}
            value={sections[s.key] ?? ''}
            onInput={(e) => change({ ...report, sections: { ...sections, [s.key]: (e.target as HTMLTextAreaElement).value } })}
          />
        </Field>
      ))}

      <h2>{t('reports.tables')}</h2>
      {template.tables.map((table) => (
        <TableEditor key={table.key} table={table} rows={rows} editable={editable} onChange={(next) => change({ ...report, rows: next })} />
      ))}
      {editable && (
        <div class="form-actions">
          <button type="button" class="button" onClick={() => void save()}>
            {t('reports.save')}
          </button>
          {!deviceCopyOf && (
            <button type="button" class="button button--primary" onClick={() => void act('submit')}>
              {t('reports.submit')}
            </button>
          )}
          <span class="muted small">{deviceCopyOf ? t('offline.submitLater') : t('reports.autosave')}</span>
        </div>
      )}
      {canReview && (
        <div class="panel">
          <h2 class="panel__title">{t('reports.review')}</h2>
          <Field id="review-comment" label={t('reports.returnComment')}>
            <textarea id="review-comment" rows={2} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
          </Field>
          <div class="form-actions">
            <button type="button" class="button" onClick={() => void act('return')}>
              {t('reports.return')}
            </button>
            <button type="button" class="button button--primary" onClick={() => void act('accept')}>
              {t('reports.accept')}
            </button>
          </div>
        </div>
      )}
      {!deviceCopyOf && (
        <AttachmentsPanel owner="reports" id={report.id} canChange={user.roles.some((r) => r === 'admin' || r === 'reporter')} />
      )}
    </section>
  );
}

/** The two versions of every field that differs; the officer picks one side of each. */
function MergePanel({ template, merging, onResolve }: { template: ReportTemplate; merging: Merging; onResolve: (c: Content) => void }) {
  const [choices, setChoices] = useState<Record<string, Side | undefined>>(() =>
    Object.fromEntries(merging.diffs.map((d) => [d.key, d.proposed ?? undefined])),
  );
  const open = merging.diffs.filter((d) => !choices[d.key]).length;
  const all = (side: Side) => setChoices(Object.fromEntries(merging.diffs.map((d) => [d.key, side])));
  const apply = () => {
    const picked = Object.fromEntries(Object.entries(choices).filter(([, v]) => v)) as Record<string, Side>;
    onResolve(merge(template, contentOf(merging.server), merging.local, picked));
  };
  return (
    <div class="panel merge" data-testid="merge">
      <h2 class="panel__title">{t('offline.merge.title')}</h2>
      <p>
        {t('offline.merge.intro', {
          typed: formatDateTime(merging.local.edited_at),
          saved: formatDateTime(merging.server.updated_at),
        })}
      </p>
      <p class="form-actions">
        <button type="button" class="button button--small" onClick={() => all('local')}>
          {t('offline.merge.allLocal')}
        </button>
        <button type="button" class="button button--small" onClick={() => all('server')}>
          {t('offline.merge.allServer')}
        </button>
      </p>
      <div class="merge__list">
        {merging.diffs.map((d) => (
          <fieldset key={d.key} class={'merge__field' + (d.proposed ? '' : ' merge__field--both')}>
            <legend>
              {d.label}
              {!d.proposed && <span class="tag tag--warn">{t('offline.merge.both')}</span>}
            </legend>
            {(['local', 'server'] as const).map((side) => (
              <label key={side} class="merge__choice">
                <input
                  type="radio"
                  name={'merge-' + d.key}
                  checked={choices[d.key] === side}
                  onChange={() => setChoices({ ...choices, [d.key]: side })}
                />
                <span class="merge__side">{t(side === 'local' ? 'offline.merge.local' : 'offline.merge.server')}</span>
                <span class="merge__value">{(side === 'local' ? d.local : d.server) || t('offline.merge.empty')}</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <div class="form-actions">
        <button type="button" class="button button--primary" disabled={open > 0} onClick={apply}>
          {t('offline.merge.apply')}
        </button>
        {open > 0 && <span class="muted small">{t('offline.merge.left', { n: open })}</span>}
      </div>
    </div>
  );
}

function TableEditor({
  table,
  rows,
  editable,
  onChange,
}: {
  table: TemplateTable;
  rows: ReportRow[];
  editable: boolean;
  onChange: (rows: ReportRow[]) => void;
}) {
  const mine = rows.map((r, i) => ({ r, i })).filter((x) => x.r.table === table.key);
  const setRow = (i: number, next: ReportRow) => onChange(rows.map((r, j) => (j === i ? next : r)));
  const setValue = (i: number, col: string, part: 'total' | 'male' | 'female', value: string) => {
    const n = value === '' ? 0 : Number(value);
    const row = rows[i];
    const cell = row.values[col];
    const next: Cell = part === 'total' ? n : ({ male: cellPart(cell, 'male'), female: cellPart(cell, 'female'), [part]: n } as Cell);
    setRow(i, { ...row, values: { ...row.values, [col]: next } });
  };
  return (
    <div class="detail-section">
      <h3>{table.title}</h3>
      <div style="overflow-x:auto">
        <table class="table report-table" aria-label={table.title}>
          <thead>
            <tr>
              <th rowSpan={2}>STT</th>
              <th rowSpan={2}>{table.item_label}</th>
              <th rowSpan={2}>{t('reports.detail')}</th>
              {table.columns.map((c) =>
                c.by_sex ? (
                  <th key={c.key} colSpan={2}>
                    {c.name}
                  </th>
                ) : (
                  <th key={c.key} rowSpan={2}>
                    {c.name}
                  </th>
                ),
              )}
              <th rowSpan={2}>{t('reports.level')}</th>
              {editable && <th rowSpan={2} />}
            </tr>
            <tr>
              {table.columns
                .filter((c) => c.by_sex)
                .flatMap((c) => [<th key={c.key + 'm'}>{t('reports.male')}</th>, <th key={c.key + 'f'}>{t('reports.female')}</th>])}
            </tr>
          </thead>
          <tbody>
            {mine.map(({ r, i }, n) => (
              <tr key={i}>
                <td>{n + 1}</td>
                <td>
                  <select
                    aria-label={`${table.item_label} ${n + 1}`}
                    disabled={!editable}
                    value={r.item}
                    onChange={(e) => setRow(i, { ...r, item: (e.target as HTMLSelectElement).value })}
                  >
                    {table.items.map((it) => (
                      <option key={it.key} value={it.key}>
                        {it.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`${t('reports.detail')} ${n + 1}`}
                    readOnly={!editable}
                    value={r.detail}
                    onInput={(e) => setRow(i, { ...r, detail: (e.target as HTMLInputElement).value })}
                  />
                </td>
                {table.columns.flatMap((c) =>
                  (c.by_sex ? (['male', 'female'] as const) : (['total'] as const)).map((part) => (
                    <td key={c.key + part}>
                      <input
                        type="number"
                        min={0}
                        step={1}
                        inputMode="numeric"
                        aria-label={`${c.name}${part === 'total' ? '' : ' ' + t(part === 'male' ? 'reports.male' : 'reports.female')} ${n + 1}`}
                        readOnly={!editable}
                        value={cellPart(r.values[c.key], part)}
                        onInput={(e) => setValue(i, c.key, part, (e.target as HTMLInputElement).value)}
                        style="width:6em"
                      />
                    </td>
                  )),
                )}
                <td>
                  <select
                    aria-label={`${t('reports.level')} ${n + 1}`}
                    disabled={!editable}
                    value={r.level}
                    onChange={(e) => setRow(i, { ...r, level: (e.target as HTMLSelectElement).value })}
                  >
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {LEVEL_NAMES[l]}
                      </option>
                    ))}
                  </select>
                </td>
                {editable && (
                  <td>
                    <button type="button" class="button button--small" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                      {t('reports.removeRow')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid={'total-' + table.key}>
              <th colSpan={3}>{t('reports.total')}</th>
              {table.columns.flatMap((c) =>
                (c.by_sex ? (['male', 'female'] as const) : (['total'] as const)).map((part) => (
                  <th key={c.key + part} class="num">
                    {formatNumber(mine.reduce((s, { r }) => s + cellPart(r.values[c.key], part), 0))}
                  </th>
                )),
              )}
              <th />
              {editable && <th />}
            </tr>
          </tfoot>
        </table>
      </div>
      {editable && (
        <button type="button" class="button button--small" onClick={() => onChange([...rows, emptyRow(table)])}>
          {t('reports.addRow')}: {table.title}
        </button>
      )}
    </div>
  );
}

/**
 * The reports this user keeps on this device: shown in the inbox when the server cannot be
 * reached, and whenever some hold entries not yet sent.
 */
export function DeviceReports({ offline }: { offline: boolean }) {
  const { user } = useSession();
  const [items, setItems] = useState<StoredReport[] | null>(null);
  useEffect(() => {
    listStored(user)
      .then(setItems)
      .catch(() => setItems([]));
  }, [user, offline]);
  if (!items) return null;
  const shown = offline ? items : items.filter((s) => s.local);
  if (shown.length === 0) return offline ? <p class="muted">{t('offline.noneOnDevice')}</p> : null;
  return (
    <div class="panel" data-testid="device-reports">
      <h2 class="panel__title">{offline ? t('offline.onDevice') : t('offline.unsentTitle')}</h2>
      <ul class="plain-list">
        {shown.map((s) => (
          <li key={s.key}>
            <a href={href(['reports', s.report_id])}>
              {s.server.unit_name} — {s.server.period_label}
            </a>{' '}
            {s.local ? <UnsentTag /> : <StatusTag report={s.server} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
