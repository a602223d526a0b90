// VI / EN switch. The choice persists (localStorage) and changes the API's message language.
import { getLang, setLang, t, useLang, type Lang } from '../i18n';

const LANGS: { code: Lang; label: string; name: string }[] = [
  { code: 'vi', label: 'VI', name: 'Tiếng Việt' },
  { code: 'en', label: 'EN', name: 'English' },
];

export function LanguageSwitch() {
  useLang();
  const current = getLang();
  return (
    <div class="lang-switch" role="group" aria-label={t('header.language')}>
      {LANGS.map((l) => (
        <button
          type="button"
          key={l.code}
          lang={l.code}
          class={'lang-switch__button' + (current === l.code ? ' is-active' : '')}
          aria-pressed={current === l.code}
          title={l.name}
          onClick={() => setLang(l.code)}
        >
          <span aria-hidden="true">{l.label}</span>
          <span class="visually-hidden">{l.name}</span>
        </button>
      ))}
    </div>
  );
}
