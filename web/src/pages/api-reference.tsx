// "Tài liệu API" (#/tai-lieu-api): the API reference for those who connect other systems
// (DHIS2, a province's portal), read from the OpenAPI document the server serves
// (/api/v1/openapi.json). Public like the document; nothing is fetched from outside, so it works
// on a closed network. Operations are grouped by tag, filtered as one types, and open one by one.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorText, Notice, useTitle } from '../components/common';
import { formatNumber } from '../format';
import { t } from '../i18n';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  $ref?: string;
}
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  security?: unknown[];
  requestBody?: { description?: string; content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; $ref?: string }>;
}
interface Doc {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { parameters?: Record<string, Parameter>; responses?: Record<string, { description?: string }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const WHERE: Record<string, Parameters<typeof t>[0]> = {
  path: 'apiref.in.path',
  query: 'apiref.in.query',
  header: 'apiref.in.header',
  cookie: 'apiref.in.cookie',
};

interface Entry {
  method: string;
  path: string;
  op: Operation;
}

/** Text with `code` spans, as the document's descriptions write them. */
function Text({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

export function ApiReferencePage() {
  useTitle(t('apiref.title'));
  const [doc, setDoc] = useState<Doc | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState('');

  useEffect(() => {
    fetch('/api/v1/openapi.json')
      .then((r) => {
        if (!r.ok) throw new Error(t('apiref.unavailable'));
        return r.json();
      })
      .then(setDoc, setError);
  }, []);

  const groups = useMemo(() => {
    if (!doc) return [];
    const needle = q.trim().toLowerCase();
    const byTag = new Map<string, Entry[]>();
    for (const tag of doc.tags ?? []) byTag.set(tag.name, []);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const text = `${method} ${path} ${op.summary} ${op.operationId}`.toLowerCase();
        if (needle && !text.includes(needle)) continue;
        const tag = op.tags?.[0] ?? '';
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag)!.push({ method, path, op });
      }
    }
    return [...byTag.entries()].filter(([, ops]) => ops.length > 0);
  }, [doc, q]);

  const count = groups.reduce((n, [, ops]) => n + ops.length, 0);
  return (
    <main class="apiref">
      <p class="small">
        <a href="#/">{t('apiref.back')}</a>
      </p>
      <h1>{t('apiref.title')}</h1>
      {error !== null && <Notice kind="error">{errorText(error)}</Notice>}
      {doc === null && error === null && <p role="status">{t('app.loading')}</p>}
      {doc && (
        <>
          <p class="apiref__intro">
            <Text text={doc.info.description ?? ''} />
          </p>
          <p>
            <a href="/api/v1/openapi.json" download="binhdang-openapi.json">
              {t('apiref.download')}
            </a>
          </p>
          <div class="field">
            <label for="apiref-q">{t('apiref.search')}</label>
            <input id="apiref-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          </div>
          <p class="hint" role="status">
            {t('apiref.count', { n: formatNumber(count) })}
          </p>
          {groups.map(([tag, ops]) => (
            <section key={tag} class="apiref__tag">
              <h2>{tag}</h2>
              {doc.tags?.find((x) => x.name === tag)?.description && (
                <p class="hint">{doc.tags.find((x) => x.name === tag)!.description}</p>
              )}
              {ops.map((e) => (
                <OperationView key={e.method + e.path} entry={e} doc={doc} />
              ))}
            </section>
          ))}
        </>
      )}
    </main>
  );
}

function OperationView({ entry, doc }: { entry: Entry; doc: Doc }) {
  const { method, path, op } = entry;
  const params = (op.parameters ?? []).map((p) =>
    p.$ref ? (doc.components?.parameters?.[refName(p.$ref)] ?? p) : p,
  );
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  return (
    <details class="apiref__op" data-operation={op.operationId}>
      <summary>
        <span class={`apiref__method apiref__method--${method}`}>{method.toUpperCase()}</span>{' '}
        <code class="apiref__path">{path}</code> <span class="apiref__summary">{op.summary}</span>
      </summary>
      <p class="hint">{isPublic ? t('apiref.public') : t('apiref.signedIn')}</p>
      {op.description && (
        <p class="apiref__desc">
          <Text text={op.description} />
        </p>
      )}
      {params.length > 0 && (
        <>
          <h3>{t('apiref.parameters')}</h3>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>{t('apiref.name')}</th>
                  <th>{t('apiref.in')}</th>
                  <th>{t('apiref.description')}</th>
                </tr>
              </thead>
              <tbody>
                {params.map((p) => (
                  <tr key={p.in + p.name}>
                    <td>
                      <code>{p.name}</code>
                      {p.required ? ' *' : ''}
                    </td>
                    <td>{WHERE[p.in] ? t(WHERE[p.in]) : p.in}</td>
                    <td>
                      <Text text={p.description ?? ''} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {op.requestBody && (
        <>
          <h3>{t('apiref.body')}</h3>
          <p>
            {op.requestBody.description ? op.requestBody.description + ' — ' : ''}
            {Object.keys(op.requestBody.content ?? {}).map((m, i) => (
              <span key={m}>
                {i > 0 ? ', ' : ''}
                <code>{m}</code>
              </span>
            ))}
          </p>
        </>
      )}
      <h3>{t('apiref.responses')}</h3>
      <ul class="apiref__responses">
        {Object.entries(op.responses ?? {}).map(([code, r]) => (
          <li key={code}>
            <code>{code}</code>{' '}
            <Text
              text={r.$ref ? (doc.components?.responses?.[refName(r.$ref)]?.description ?? '') : (r.description ?? '')}
            />
          </li>
        ))}
      </ul>
    </details>
  );
}
