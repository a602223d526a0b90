// Sign-in page. Shows the server's message for wrong credentials with the attempts left and,
// after too many, until when sign-ins with the name wait (Asia/Ho_Chi_Minh time).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Session } from '../api';
import { errorText, Notice } from '../components/common';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { LanguageSwitch } from '../components/language-switch';

interface Props {
  onLogin: (s: Session) => void;
  /** A message to show above the form (signed out, session ended). */
  notice?: string | null;
}

export function LoginPage({ onLogin, notice }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const userRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = t('login.title') + ' — binhdang';
    userRef.current?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(new Error(t('login.required')));
      (username.trim() ? passRef : userRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(username.trim(), password);
      onLogin(session);
    } catch (err) {
      setError(err);
      setPassword('');
      passRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  let waitUntil: string | null = null;
  let attemptsLeft: string | null = null;
  if (error instanceof ApiError && error.code === 'too_many_attempts' && error.retryAfter > 0) {
    waitUntil = new Date(Date.now() + error.retryAfter * 1000).toISOString();
  }
  if (error instanceof ApiError && error.code === 'invalid_credentials') {
    attemptsLeft = error.fieldMessage('attempts_left') ?? null;
  }

  return (
    <div class="login">
      <div class="login__top">
        <LanguageSwitch />
      </div>
      <main class="login__card" id="main">
        <p class="login__brand">{t('app.name')}</p>
        <h1>{t('login.title')}</h1>
        <p class="login__intro">{t('login.intro')}</p>
        {notice && !error && <Notice kind="info">{notice}</Notice>}
        {error != null && (
          <Notice kind="error">
            {waitUntil ? (
              <>
                <strong>{t('login.lockedTitle')}. </strong>
                {t('login.locked', { time: formatDateTime(waitUntil) })}
              </>
            ) : (
              <>
                {errorText(error)}
                {attemptsLeft ? ' (' + attemptsLeft + ')' : ''}
              </>
            )}
          </Notice>
        )}
        <form onSubmit={submit} noValidate>
          <div class="field">
            <label for="login-username">{t('login.username')}</label>
            <input
              id="login-username"
              name="username"
              ref={userRef}
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              ref={passRef}
              autocomplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button button--primary button--wide" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p class="small">
          <a href="#/tro-giup" data-help-link>
            {t('help.link')}
          </a>
        </p>
        <p class="small">
          <a href="#/tai-lieu-api">{t('apiref.link')}</a>
        </p>
      </main>
    </div>
  );
}
