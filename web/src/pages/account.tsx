// The signed-in user's own account (#/account): who they are and what they may do (with case
// roles waiting for a second person), their notifications (a password reset by someone else, a
// case role granted or not) to mark as read, their e-mail address and how they want notices by
// mail, and changing their own password.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type AppNotification, type EmailPreference, type User } from '../api';
import { describedBy, errorText, Field, fieldError, generalError, Notice, PageHeader, useTitle } from '../components/common';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { useSession } from '../session';
import { roleLabel } from './users';

/** Tells the header how many notifications are unread. */
export const NOTIFICATIONS_CHANGED = 'binhdang:notifications';

export function AccountPage() {
  useTitle(t('account.title'));
  const { user, setUser } = useSession();
  return (
    <section class="page">
      <PageHeader title={t('account.title')} />
      {user.must_change_password && <Notice kind="info">{t('account.mustChange')}</Notice>}
      <div class="panel">
        <h2>{t('account.who')}</h2>
        <dl class="facts">
          <dt>{t('users.username')}</dt>
          <dd>
            <code>{user.username}</code>
          </dd>
          <dt>{t('users.fullName')}</dt>
          <dd>{user.full_name}</dd>
          <dt>{t('users.unit')}</dt>
          <dd>{user.unit_name}</dd>
          <dt>{t('users.roles')}</dt>
          <dd>
            {user.roles.map(roleLabel).join(', ') || t('common.dash')}
            {user.pending_roles && user.pending_roles.length > 0 && (
              <span class="muted"> ({t('users.pendingRoles', { roles: user.pending_roles.map(roleLabel).join(', ') })})</span>
            )}
          </dd>
        </dl>
      </div>
      <Notifications />
      <EmailSettings user={user} onSaved={(u) => setUser({ ...user, ...u })} />
      <ChangePassword onChanged={() => setUser({ ...user, must_change_password: false })} />
    </section>
  );
}

function Notifications() {
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    api
      .notifications()
      .then((n) => {
        setItems(n.items);
        window.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED, { detail: n.unread }));
      })
      .catch(setError);
  useEffect(() => {
    load();
  }, []);
  const read = async (n: AppNotification) => {
    try {
      await api.markNotificationRead(n.id);
      await load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div class="panel" data-notifications>
      <h2>{t('account.notifications')}</h2>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      {items && items.length === 0 && <p class="muted">{t('account.noNotifications')}</p>}
      {items && items.length > 0 && (
        <ul class="result-list">
          {items.map((n) => (
            <li key={n.id} class={'result' + (n.read_at ? '' : ' is-unread')}>
              <div class="result__name">
                {!n.read_at && <span class="tag tag--warn">{t('account.unread')}</span>} {n.message}
              </div>
              {n.link && (
                <div>
                  <a href={n.link} onClick={() => void (n.read_at ? null : read(n))}>
                    {t('account.open')}
                  </a>
                </div>
              )}
              <div class="result__meta">
                {formatDateTime(n.created_at)}
                {!n.read_at && (
                  <>
                    {' '}
                    <button type="button" class="button button--small" onClick={() => read(n)}>
                      {t('account.markRead')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const EMAIL_PREFS: EmailPreference[] = ['digest', 'each', 'off'];

function EmailSettings({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const [email, setEmail] = useState(user.email ?? '');
  const [pref, setPref] = useState<EmailPreference>(user.email_pref ?? 'digest');
  const [version, setVersion] = useState(user.version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    setReloaded(false);
    try {
      const { user: saved } = await api.updateMe({ version, email: email.trim(), email_pref: pref });
      setEmail(saved.email ?? '');
      setPref(saved.email_pref ?? 'digest');
      setVersion(saved.version);
      setDone(true);
      onSaved(saved);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409) {
        // Changed elsewhere (another tab, an administrator): take what is saved, keep nothing typed.
        const session = await api.me();
        setEmail(session.user.email ?? '');
        setPref(session.user.email_pref ?? 'digest');
        setVersion(session.user.version);
        setReloaded(true);
        onSaved(session.user);
      }
    } finally {
      setBusy(false);
    }
  };
  const emailError = fieldError(error, 'email');
  const prefError = fieldError(error, 'email_pref');
  const general = generalError(error, ['email', 'email_pref']);
  return (
    <form class="panel" onSubmit={submit} noValidate aria-labelledby="account-mail-title">
      <h2 id="account-mail-title">{t('account.mail')}</h2>
      <p class="muted">{t('account.mailIntro')}</p>
      {done && <Notice kind="success">{t('account.mailSaved')}</Notice>}
      {general && (
        <Notice kind="error">
          <p>{general}</p>
          {reloaded && <p>{t('common.reloaded')}</p>}
        </Notice>
      )}
      <Field id="account-email" label={t('account.email')} hint={t('account.emailHint')} error={emailError}>
        <input
          id="account-email"
          type="email"
          autocomplete="email"
          inputMode="email"
          maxLength={254}
          value={email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={describedBy('account-email', t('account.emailHint'), emailError)}
          onInput={(e) => {
            setEmail(e.currentTarget.value);
            setDone(false);
          }}
        />
      </Field>
      <fieldset class="fieldset" aria-describedby={prefError ? 'account-pref-error' : undefined}>
        <legend>{t('account.emailPref')}</legend>
        {EMAIL_PREFS.map((p) => (
          <label key={p} class="radio-choice">
            <input
              type="radio"
              name="account-email-pref"
              value={p}
              checked={pref === p}
              onChange={() => {
                setPref(p);
                setDone(false);
              }}
            />{' '}
            <span>
              <strong>{t(`account.emailPref.${p}`)}</strong>
              <br />
              <span class="muted">{t(`account.emailPref.${p}.hint`)}</span>
            </span>
          </label>
        ))}
        {prefError && (
          <p id="account-pref-error" class="field__error">
            {prefError}
          </p>
        )}
      </fieldset>
      <button type="submit" class="button button--primary" disabled={busy}>
        {busy ? t('common.saving') : t('account.saveMail')}
      </button>
    </form>
  );
}

const PASSWORD_FIELDS = ['current_password', 'password', 'new_password'];

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const mismatch = repeat !== '' && repeat !== next;
  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await api.changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const currentError = fieldError(error, 'current_password');
  const nextError = fieldError(error, 'password') ?? fieldError(error, 'new_password');
  const general = generalError(error, PASSWORD_FIELDS);
  return (
    <form class="panel" onSubmit={submit} noValidate>
      <h2>{t('account.changePassword')}</h2>
      {done && <Notice kind="success">{t('account.passwordChanged')}</Notice>}
      {general && <Notice kind="error">{general}</Notice>}
      <Field id="account-current" label={t('account.currentPassword')} required error={currentError}>
        <input
          id="account-current"
          type="password"
          autocomplete="current-password"
          value={current}
          aria-describedby={describedBy('account-current', undefined, currentError)}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
      </Field>
      <Field id="account-new" label={t('account.newPassword')} required hint={t('account.passwordHint')} error={nextError}>
        <input
          id="account-new"
          type="password"
          autocomplete="new-password"
          value={next}
          aria-describedby={describedBy('account-new', t('account.passwordHint'), nextError)}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
      </Field>
      <Field id="account-repeat" label={t('account.repeatPassword')} required error={mismatch ? t('account.mismatch') : undefined}>
        <input
          id="account-repeat"
          type="password"
          autocomplete="new-password"
          value={repeat}
          aria-describedby={describedBy('account-repeat', undefined, mismatch ? t('account.mismatch') : undefined)}
          onInput={(e) => setRepeat(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="button button--primary" disabled={busy || !current || !next || mismatch}>
        {busy ? t('common.saving') : t('account.changePassword')}
      </button>
    </form>
  );
}
