// Unit browser (#/units/{id}?at=YYYY-MM-DD): a lazily expanding tree from the country, a
// diacritic-insensitive search, a date selector for browsing the units valid on a given day
// (the 63-province tree before 1 July 2025), and the selected unit's details.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Unit } from '../api';
import { errorText, Notice, PageHeader, useTitle } from '../components/common';
import { BEFORE_REFORM, formatDate, parseDate, todayVN } from '../format';
import { t } from '../i18n';
import { href, navigate, useRoute } from '../router';
import { onUnitChange } from '../unit-events';
import { kindLabel, unitHref, validityText } from '../units-format';
import { UnitDetail } from './unit-detail';

const PAGE = 200;

export function UnitsPage() {
  const route = useRoute();
  const selectedId = route.segments[1] ?? null;
  const atParam = route.params.get('at');
  const at = atParam && /^\d{4}-\d{2}-\d{2}$/.test(atParam) ? atParam : null;
  const effectiveAt = at ?? todayVN();
  const [query, setQuery] = useState('');

  useTitle(t('units.title'));

  const setAt = (value: string | null) => {
    const next = value && value !== todayVN() ? value : null;
    navigate(href(selectedId ? ['units', selectedId] : ['units'], { at: next }), true);
  };

  return (
    <section class="page page--units">
      <PageHeader title={t('units.title')} />
      <div class="toolbar" role="search">
        <div class="field field--grow">
          <label for="unit-search">{t('units.search')}</label>
          <input
            id="unit-search"
            type="search"
            autocomplete="off"
            aria-describedby="unit-search-hint"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p class="field__hint" id="unit-search-hint">
            {t('units.searchHint')}
          </p>
        </div>
        <fieldset class="at-picker">
          <legend>{t('units.at')}</legend>
          <div class="at-picker__row">
            <DateField id="unit-at" label={t('units.at')} value={effectiveAt} onChange={setAt} />
            <button
              type="button"
              class="button button--small"
              aria-pressed={at === null}
              onClick={() => setAt(null)}
            >
              {t('units.atToday')}
            </button>
            <button
              type="button"
              class="button button--small"
              aria-pressed={at === BEFORE_REFORM}
              onClick={() => setAt(BEFORE_REFORM)}
            >
              {t('units.atBefore')}
            </button>
          </div>
          <p class="field__hint" aria-live="polite">
            {t('units.atShowing', { date: formatDate(effectiveAt) })}
          </p>
        </fieldset>
      </div>
      <div class="units-layout">
        <div class="units-layout__browse panel">
          {query.trim() ? (
            <SearchResults query={query.trim()} at={at} effectiveAt={effectiveAt} selectedId={selectedId} />
          ) : (
            <UnitTree key={effectiveAt} at={at} effectiveAt={effectiveAt} selectedId={selectedId} />
          )}
        </div>
        <div class="units-layout__detail">
          {selectedId ? (
            <UnitDetail key={selectedId} id={selectedId} at={at} effectiveAt={effectiveAt} />
          ) : (
            <div class="panel">
              <p class="muted">{t('units.selectHint')}</p>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

/** A date typed as dd/mm/yyyy (the browser's own date input follows the browser's locale). */
function DateField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (iso: string) => void }) {
  const [text, setText] = useState(formatDate(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(formatDate(value));
    setInvalid(false);
  }, [value]);
  const commit = () => {
    const iso = parseDate(text);
    if (!iso) {
      setInvalid(text.trim() !== '');
      if (!text.trim()) setText(formatDate(value));
      return;
    }
    setInvalid(false);
    setText(formatDate(iso));
    if (iso !== value) onChange(iso);
  };
  return (
    <>
      <label class="visually-hidden" for={id}>
        {label}
      </label>
      <input
        id={id}
        class="input--date"
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        autocomplete="off"
        value={text}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? id + '-error' : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {invalid && (
        <span class="field__error" id={id + '-error'}>
          {t('units.badDate')}
        </span>
      )}
    </>
  );
}

function SearchResults({
  query,
  at,
  effectiveAt,
  selectedId,
}: {
  query: string;
  at: string | null;
  effectiveAt: string;
  selectedId: string | null;
}) {
  const [items, setItems] = useState<Unit[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setError(null);
    const timer = setTimeout(() => {
      api
        .units({ q: query, at: effectiveAt, limit: 20 })
        .then((page) => {
          if (mine !== seq.current) return;
          setItems(page.items);
          setNext(page.next_cursor);
        })
        .catch((e) => mine === seq.current && setError(e));
    }, 200);
    return () => clearTimeout(timer);
  }, [query, effectiveAt]);

  const more = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await api.units({ q: query, at: effectiveAt, limit: 20, cursor: next });
      setItems((prev) => [...(prev ?? []), ...page.items]);
      setNext(page.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div>
      <h2 class="panel__title">{t('units.results')}</h2>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {items === null && error == null && <p class="muted">{t('common.loading')}</p>}
      {items !== null && (
        <>
          <p class="visually-hidden" role="status">
            {items.length ? t('units.resultCount', { count: items.length }) : t('units.noResults')}
          </p>
          {items.length === 0 ? (
            <p class="muted">{t('units.noResults')}</p>
          ) : (
            <ol class="result-list" aria-label={t('units.results')}>
              {items.map((u) => (
                <li key={u.id}>
                  <a
                    class="result"
                    href={unitHref(u.id, at)}
                    aria-current={u.id === selectedId ? 'true' : undefined}
                  >
                    <span class="result__name">{u.full_name}</span>
                    <span class="result__meta">
                      <span class={'tag tag--' + u.kind}>{kindLabel(u.kind)}</span>
                      <span>
                        {t('units.code')} {u.code || t('common.dash')}
                      </span>
                      <span>{validityText(u)}</span>
                    </span>
                  </a>
                </li>
              ))}
            </ol>
          )}
          {next && (
            <button type="button" class="button" onClick={more} disabled={loadingMore}>
              {loadingMore ? t('common.loading') : t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function UnitTree({ at, effectiveAt, selectedId }: { at: string | null; effectiveAt: string; selectedId: string | null }) {
  const [roots, setRoots] = useState<Unit[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api
      .units({ kind: 'country', at: effectiveAt, limit: 10 })
      .then((p) => setRoots(p.items))
      .catch(setError);
  }, [effectiveAt]);

  return (
    <div>
      <h2 class="panel__title" id="unit-tree-title">
        {t('units.tree')}
      </h2>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {roots === null && error == null && <p class="muted">{t('common.loading')}</p>}
      <p class="field__hint" id="unit-tree-hint">
        {t('units.treeHint')}
      </p>
      {roots && (
        <ul class="tree" aria-labelledby="unit-tree-title" aria-describedby="unit-tree-hint" onKeyDown={treeKeys}>
          {roots.map((u) => (
            <TreeNode key={u.id} unit={u} at={at} effectiveAt={effectiveAt} selectedId={selectedId} initiallyOpen />
          ))}
        </ul>
      )}
    </div>
  );
}

/** Arrow keys in the tree: up/down between rows, right opens or enters, left closes or leaves. */
function treeKeys(e: KeyboardEvent) {
  const target = e.target as HTMLElement;
  const row = target.closest('.tree__row');
  if (!row || !['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) return;
  const root = row.closest('.panel') ?? document;
  const link = row.querySelector<HTMLElement>('.tree__link');
  const toggle = row.querySelector<HTMLButtonElement>('.tree__toggle');
  const open = toggle?.getAttribute('aria-expanded') === 'true';
  e.preventDefault();
  if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
    const links = Array.from(root.querySelectorAll<HTMLElement>('.tree__link'));
    const i = links.indexOf(link as HTMLElement);
    links[e.key === 'ArrowDown' ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0)]?.focus();
  } else if (e.key === 'ArrowRight') {
    if (toggle && !open) toggle.click();
    else if (open) row.parentElement?.querySelector<HTMLElement>('.tree__children .tree__link')?.focus();
  } else {
    if (toggle && open) toggle.click();
    else row.parentElement?.parentElement?.closest('.tree__item')?.querySelector<HTMLElement>('.tree__link')?.focus();
  }
}

interface TreeNodeProps {
  unit: Unit;
  at: string | null;
  effectiveAt: string;
  selectedId: string | null;
  initiallyOpen?: boolean;
}

function TreeNode({ unit: initial, at, effectiveAt, selectedId, initiallyOpen }: TreeNodeProps) {
  const [unit, setUnit] = useState(initial);
  const [open, setOpen] = useState(false);
  const [children, setChildren] = useState<Unit[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => setUnit(initial), [initial]);

  useEffect(
    () =>
      onUnitChange((changed, created) => {
        if (changed.id === unit.id) setUnit(changed);
        if (created && changed.parent_id === unit.id) {
          setUnit((u) => ({ ...u, child_count: u.child_count + 1 }));
          setChildren((c) => (c ? [...c, changed] : c));
        }
      }),
    [unit.id],
  );

  const load = async (cursor: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.children(unit.id, { at: effectiveAt, limit: PAGE, cursor });
      setChildren((prev) => (cursor && prev ? [...prev, ...page.items] : page.items));
      setNext(page.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const toggle = () => {
    const nextOpen = !open;
    setOpen(nextOpen);
    if (nextOpen && children === null && !loading) void load(null);
  };

  useEffect(() => {
    if (initiallyOpen && unit.child_count > 0) toggle();
    // Only on mount: the root opens by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const hasChildren = unit.child_count > 0;
  const name = unit.full_name || unit.name;
  return (
    <li class="tree__item">
      <div class={'tree__row' + (unit.id === selectedId ? ' is-selected' : '')}>
        {hasChildren ? (
          <button
            type="button"
            class="tree__toggle"
            aria-expanded={open}
            aria-label={open ? t('units.collapse', { name }) : t('units.expand', { name })}
            onClick={toggle}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span class="tree__spacer" aria-hidden="true" />
        )}
        <a
          class={'tree__link' + (unit.kind === 'agency' ? ' tree__link--agency' : '')}
          href={unitHref(unit.id, at)}
          aria-current={unit.id === selectedId ? 'true' : undefined}
        >
          {name}
          {unit.kind === 'agency' && <span class="tag tag--agency">{kindLabel('agency')}</span>}
          {unit.code && <span class="tree__code">{unit.code}</span>}
        </a>
      </div>
      {open && (
        <div class="tree__children">
          {error != null && <Notice kind="error">{errorText(error)}</Notice>}
          {loading && children === null && <p class="tree__note muted">{t('common.loading')}</p>}
          {children && children.length === 0 && <p class="tree__note muted">{t('units.empty')}</p>}
          {children && children.length > 0 && (
            <ul class="tree">
              {children.map((c) => (
                <TreeNode key={c.id} unit={c} at={at} effectiveAt={effectiveAt} selectedId={selectedId} />
              ))}
            </ul>
          )}
          {next && (
            <button type="button" class="button button--small tree__more" disabled={loading} onClick={() => load(next)}>
              {loading ? t('common.loading') : t('common.loadMore')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
