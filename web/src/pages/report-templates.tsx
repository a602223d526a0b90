// Report templates for administrators: the list, and an editor of sections, tables, catalog
// items and columns. Saving writes a new version; reports keep the version they were made with.
import { useEffect, useState } from 'preact/hooks';
import { api, type ReportTemplate, type TemplateTable } from '../api';
import { errorText, Field, Loading, Notice, PageHeader, useTitle } from '../components/common';
import { t } from '../i18n';
import { href, navigate } from '../router';

type Draft = Omit<ReportTemplate, 'id' | 'version'>;

const EMPTY: Draft = { code: '', title: '', periods: ['year'], sections: [], tables: [] };

export function ReportTemplatesPage({ id }: { id?: string }) {
  useTitle(t('templates.title'));
  const [list, setList] = useState<ReportTemplate[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(id === 'new' ? EMPTY : null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    api.reportTemplates().then((p) => setList(p.items)).catch(setError);
    setDraft(id === 'new' ? EMPTY : null);
    if (id && id !== 'new') {
      api
        .reportTemplate(id)
        .then((x) => setDraft({ code: x.code, title: x.title, periods: x.periods, sections: x.sections, tables: x.tables }))
        .catch(setError);
    }
  }, [id]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    try {
      const saved = await api.saveReportTemplate(draft);
      setNotice(t('templates.saved', { code: saved.code, version: saved.version }));
      navigate(href(['reports', 'templates', saved.id]), true);
    } catch (err) {
      setError(err);
    }
  };

  if (!draft) {
    return (
      <section class="page">
        <PageHeader title={t('templates.title')} />
        {!!error && <Notice kind="error">{errorText(error)}</Notice>}
        <p>
          <a class="button button--primary" href={href(['reports', 'templates', 'new'])}>
            {t('templates.new')}
          </a>
        </p>
        {list === null ? (
          <Loading />
        ) : (
          <ul class="link-list">
            {list.map((x) => (
              <li key={x.id}>
                <a href={href(['reports', 'templates', x.id])}>{x.title}</a> <span class="muted small">({x.code}, {t('templates.version')} {x.version})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setTable = (i: number, patch: Partial<TemplateTable>) =>
    set({ tables: draft.tables.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const input = (value: string, label: string, on: (v: string) => void) => (
    <input aria-label={label} value={value} onInput={(e) => on((e.target as HTMLInputElement).value)} />
  );

  return (
    <section class="page">
      <PageHeader title={t('templates.edit')} />
      {!!error && <Notice kind="error">{errorText(error)}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      <form onSubmit={save}>
        <div class="form-grid">
          <Field id="tpl-code" label={t('templates.code')}>
            <input id="tpl-code" value={draft.code} onInput={(e) => set({ code: (e.target as HTMLInputElement).value })} />
          </Field>
          <Field id="tpl-title" label={t('templates.name')}>
            <input id="tpl-title" value={draft.title} onInput={(e) => set({ title: (e.target as HTMLInputElement).value })} />
          </Field>
          <Field id="tpl-periods" label={t('templates.periods')}>
            <input
              id="tpl-periods"
              value={draft.periods.join(', ')}
              onInput={(e) => set({ periods: (e.target as HTMLInputElement).value.split(',').map((x) => x.trim()).filter(Boolean) })}
            />
          </Field>
        </div>
        <h2>{t('templates.sections')}</h2>
        {draft.sections.map((s, i) => (
          <div class="toolbar" key={i}>
            {input(s.key, `${t('templates.key')} ${i + 1}`, (v) => set({ sections: draft.sections.map((x, j) => (j === i ? { ...x, key: v } : x)) }))}
            {input(s.title, `${t('templates.label')} ${i + 1}`, (v) => set({ sections: draft.sections.map((x, j) => (j === i ? { ...x, title: v } : x)) }))}
            <button type="button" class="button button--small" onClick={() => set({ sections: draft.sections.filter((_, j) => j !== i) })}>
              {t('templates.remove')}
            </button>
          </div>
        ))}
        <button type="button" class="button button--small" onClick={() => set({ sections: [...draft.sections, { key: '', title: '' }] })}>
          {t('templates.addSection')}
        </button>
        <h2>{t('templates.tables')}</h2>
        {draft.tables.map((table, i) => (
          <fieldset class="fieldset" key={i}>
            <legend>{table.title || table.key || '…'}</legend>
            <div class="toolbar">
              {input(table.key, `${t('templates.key')} bảng ${i + 1}`, (v) => setTable(i, { key: v }))}
              {input(table.title, `${t('templates.label')} bảng ${i + 1}`, (v) => setTable(i, { title: v }))}
              <button type="button" class="button button--small" onClick={() => set({ tables: draft.tables.filter((_, j) => j !== i) })}>
                {t('templates.remove')}
              </button>
            </div>
            <h3>{t('templates.items')}</h3>
            {table.items.map((it, k) => (
              <div class="toolbar" key={k}>
                {input(it.key, `${t('templates.key')} ${k + 1}`, (v) => setTable(i, { items: table.items.map((x, j) => (j === k ? { ...x, key: v } : x)) }))}
                {input(it.name, `${t('templates.label')} ${k + 1}`, (v) => setTable(i, { items: table.items.map((x, j) => (j === k ? { ...x, name: v } : x)) }))}
                <button type="button" class="button button--small" onClick={() => setTable(i, { items: table.items.filter((_, j) => j !== k) })}>
                  {t('templates.remove')}
                </button>
              </div>
            ))}
            <button type="button" class="button button--small" onClick={() => setTable(i, { items: [...table.items, { key: '', name: '' }] })}>
              {t('templates.addItem')}
            </button>
            <h3>{t('templates.columns')}</h3>
            {table.columns.map((c, k) => (
              <div class="toolbar" key={k}>
                {input(c.key, `${t('templates.key')} cột ${k + 1}`, (v) => setTable(i, { columns: table.columns.map((x, j) => (j === k ? { ...x, key: v } : x)) }))}
                {input(c.name, `${t('templates.label')} cột ${k + 1}`, (v) => setTable(i, { columns: table.columns.map((x, j) => (j === k ? { ...x, name: v } : x)) }))}
                <label>
                  <input
                    type="checkbox"
                    checked={c.by_sex}
                    onChange={(e) => setTable(i, { columns: table.columns.map((x, j) => (j === k ? { ...x, by_sex: (e.target as HTMLInputElement).checked } : x)) })}
                  />{' '}
                  {t('templates.bySex')}
                </label>
                <button type="button" class="button button--small" onClick={() => setTable(i, { columns: table.columns.filter((_, j) => j !== k) })}>
                  {t('templates.remove')}
                </button>
              </div>
            ))}
            <button
              type="button"
              class="button button--small"
              onClick={() => setTable(i, { columns: [...table.columns, { key: '', name: '', by_sex: false }] })}
            >
              {t('templates.addColumn')}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          class="button button--small"
          onClick={() => set({ tables: [...draft.tables, { key: '', title: '', item_label: 'Nội dung', items: [{ key: 'other', name: 'Khác' }], columns: [] }] })}
        >
          {t('templates.addTable')}
        </button>
        <div class="form-actions">
          <button class="button button--primary" type="submit">
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
