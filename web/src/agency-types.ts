// Agency types (GET /agency-types), fetched once per interface language.
import { useEffect, useState } from 'preact/hooks';
import { api, type AgencyType } from './api';
import { useLang, type Lang } from './i18n';

const cache = new Map<Lang, Promise<AgencyType[]>>();

export function useAgencyTypes(): AgencyType[] {
  const lang = useLang();
  const [types, setTypes] = useState<AgencyType[]>([]);
  useEffect(() => {
    let p = cache.get(lang);
    if (!p) {
      p = api.agencyTypes().then((r) => r.items);
      p.catch(() => cache.delete(lang));
      cache.set(lang, p);
    }
    let live = true;
    p.then((items) => live && setTypes(items)).catch(() => live && setTypes([]));
    return () => {
      live = false;
    };
  }, [lang]);
  return types;
}

export function agencyTypeName(types: AgencyType[], code: string | null): string {
  if (!code) return '';
  return types.find((t) => t.code === code)?.name ?? code;
}
