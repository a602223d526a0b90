// "Tìm nơi trợ giúp" (#/tro-giup): the public service directory, without signing in. Light on a
// cheap phone; a "Thoát nhanh" button that replaces the page at once; nothing it does adds to the
// browser's history (every change of area uses location.replace, never a new entry).
import { useEffect, useRef, useState } from 'preact/hooks';
import { request, type Page } from '../api';
import { errorText, Notice, useTitle } from '../components/common';
import { t } from '../i18n';

interface Area {
  id: string;
  name: string;
  within: string;
}
interface Provider {
  id: string;
  name: string;
  type_label: string;
  unit_name: string;
  services: { code: string; label: string }[];
  phone: string;
  hours: string;
  free_of_charge: boolean;
  how_to_reach: string;
}

/** Leaves at once for a neutral page, replacing this one in the history. */
export function quickExit(): void {
  location.replace('https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt');
}

export function HelpPage() {
  useTitle(t('help.title'));
  const [q, setQ] = useState('');
  const [areas, setAreas] = useState<Area[]>([]);
  const [area, setArea] = useState<Area | null>(null);
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') quickExit();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const n = ++seq.current;
    request<Page<Provider>>('GET', '/services', { query: { unit: area?.id ?? '', limit: 50 } })
      .then((p) => n === seq.current && setProviders(p.items))
      .catch(setError);
  }, [area]);

  useEffect(() => {
    if (q.trim().length < 2) {
      setAreas([]);
      return;
    }
    const timer = setTimeout(() => {
      request<Page<Area>>('GET', '/services/areas', { query: { q } })
        .then((p) => setAreas(p.items))
        .catch(setError);
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <main class="help">
      <div class="help__bar">
        <button type="button" class="button button--danger help__exit" onClick={quickExit} data-quick-exit>
          {t('help.quickExit')}
        </button>
      </div>
      <h1>{t('help.title')}</h1>
      <p>{t('help.lead')}</p>
      <p class="muted small">{t('help.quickExitHint')}</p>
      <label class="field__label" for="help-area">
        {t('help.area')}
      </label>
      <input
        id="help-area"
        class="input"
        type="search"
        autocomplete="off"
        placeholder={t('help.searchUnit')}
        value={area ? area.name : q}
        onInput={(e) => {
          setArea(null);
          setQ((e.target as HTMLInputElement).value);
        }}
      />
      {!area && areas.length > 0 && (
        <ul class="help__areas" role="listbox">
          {areas.map((a) => (
            <li key={a.id}>
              <button type="button" class="linklike" onClick={() => setArea(a)}>
                {a.name}
                {a.within && a.within !== a.name ? ' — ' + a.within : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {providers && providers.length === 0 && <p>{t('help.empty')}</p>}
      <ul class="help__list" data-providers>
        {(providers ?? []).map((p) => (
          <li key={p.id} class="help__card">
            <h2>{p.name}</h2>
            <p class="muted small">
              {p.type_label} · {p.unit_name}
            </p>
            <p>{p.how_to_reach}</p>
            <p class="small">
              {p.services.map((s) => s.label).join(', ')}
              {p.hours ? ' · ' + t('help.hours') + ': ' + p.hours : ''}
              {p.free_of_charge ? ' · ' + t('help.free') : ''}
            </p>
            <a class="button button--primary help__call" href={'tel:' + p.phone.replace(/[^0-9+]/g, '')}>
              {t('help.call', { phone: p.phone })}
            </a>
          </li>
        ))}
      </ul>
      <p class="small">
        <a href="#/" onClick={(e) => { e.preventDefault(); location.replace('#/'); }}>
          {t('help.signIn')}
        </a>
      </p>
    </main>
  );
}
