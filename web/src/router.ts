// Hash routing: "#/units/123?at=2025-06-30" -> { segments: ["units", "123"], params }.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  segments: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const pathPart = q >= 0 ? raw.slice(0, q) : raw;
  const query = q >= 0 ? raw.slice(q + 1) : '';
  const segments = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, params: new URLSearchParams(query) };
}

/** Builds "#/a/b?x=1" from path segments and optional query values (empty ones left out). */
export function href(segments: string[], params?: Record<string, string | null | undefined>): string {
  let h = '#/' + segments.map(encodeURIComponent).join('/');
  if (params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
    const s = p.toString();
    if (s) h += '?' + s;
  }
  return h;
}

export function navigate(to: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', to);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = to;
  }
}

export function useRoute(): Route {
  const [state, setState] = useState(() => ({ hash: location.hash, route: parseHash(location.hash) }));
  useEffect(() => {
    const onChange = () =>
      setState((s) => (s.hash === location.hash ? s : { hash: location.hash, route: parseHash(location.hash) }));
    window.addEventListener('hashchange', onChange);
    // A change between the first render and this effect fired no event we heard: read it now.
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state.route;
}
