// User management (#/users): list with search and unit filter, create and edit forms that show
// the server's validation messages beside the fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ALL_ROLES, api, ApiError, type Role, type RoleGrant, type User } from '../api';
import { describedBy, errorText, Field, fieldError, generalError, Notice, PageHeader, useTitle } from '../components/common';
import { UnitPicker, type PickedUnit } from '../components/unit-picker';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { isAdmin, useSession } from '../session';

const PAGE = 50;

type FormState = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export function roleLabel(r: string): string {
  const key = ('role.' + r) as MessageKey;
  const s = t(key);
  return s === key ? r : s;
}

export function UsersPage() {
  useTitle(t('users.title'));
  const { user: me, setUser } = useSession();
  const [q, setQ] = useState('');
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [items, setItems] = useState<User[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [form, setForm] = useState<FormState>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const seq = useRef(0);
  const newButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api
        .users({ q: q.trim(), unit: unit?.id, limit: PAGE })
        .then((p) => {
          if (mine !== seq.current) return;
          setItems(p.items);
          setNext(p.next_cursor);
          setError(null);
        })
        .catch((e) => mine === seq.current && setError(e));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, unit?.id, reload]);

  const more = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const p = await api.users({ q: q.trim(), unit: unit?.id, limit: PAGE, cursor: next });
      setItems((prev) => [...(prev ?? []), ...p.items]);
      setNext(p.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const unlock = async (u: User) => {
    try {
      const updated = await api.unlockUser(u.id);
      setItems((prev) => (prev ?? []).map((x) => (x.id === u.id ? updated : x)));
      setMessage(t('users.unlocked', { name: u.username }));
    } catch (e) {
      setError(e);
    }
  };

  const closeForm = () => {
    setForm(null);
    setTimeout(() => newButton.current?.focus());
  };

  const onSaved = (u: User, created: boolean) => {
    setMessage(t(created ? 'users.created' : 'users.updated', { name: u.username }));
    setItems((prev) => {
      const list = prev ?? [];
      return created ? [u, ...list] : list.map((x) => (x.id === u.id ? u : x));
    });
    if (u.id === me.id) setUser(u);
    closeForm();
  };

  return (
    <section class="page">
      <PageHeader title={t('users.title')}>
        {!form && (
          <button
            type="button"
            ref={newButton}
            class="button button--primary"
            onClick={() => {
              setMessage(null);
              setForm({ mode: 'create' });
            }}
          >
            {t('users.new')}
          </button>
        )}
      </PageHeader>
      {message && <Notice kind="success">{message}</Notice>}
      {(isAdmin(me) || me.roles.includes('case_supervisor')) && (
        <PendingGrants
          reload={reload}
          onDecided={(u, approved) => {
            setMessage(t(approved ? 'users.approved' : 'users.rejected', { name: u.username }));
            setItems((prev) => (prev ?? []).map((x) => (x.id === u.id ? u : x)));
          }}
        />
      )}
      {form && (
        <UserForm
          key={form.mode === 'edit' ? form.user.id : 'new'}
          initial={form.mode === 'edit' ? form.user : null}
          canGrantAdmin={isAdmin(me)}
          onCancel={closeForm}
          onSaved={onSaved}
        />
      )}
      <div class="panel">
        <div class="toolbar" role="search">
          <div class="field field--grow">
            <label for="user-search">{t('users.search')}</label>
            <input
              id="user-search"
              type="search"
              autocomplete="off"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          </div>
          <div class="field--grow">
            <UnitPicker id="user-unit-filter" label={t('users.unitFilter')} value={unit} onChange={setUnit} />
          </div>
        </div>
        {error != null && <Notice kind="error">{errorText(error)}</Notice>}
        {items === null && error == null && <p class="muted">{t('common.loading')}</p>}
        {items && items.length === 0 && <p class="muted">{t('users.none')}</p>}
        {items && items.length > 0 && (
          <table class="table table--responsive">
            <caption class="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.fullName')}</th>
                <th scope="col">{t('users.unit')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <td data-label={t('users.username')}>
                    <code>{u.username}</code>
                  </td>
                  <td data-label={t('users.fullName')}>{u.full_name}</td>
                  <td data-label={t('users.unit')}>{u.unit_name}</td>
                  <td data-label={t('users.roles')}>
                    {u.roles.map(roleLabel).join(', ') || t('common.dash')}
                    {u.pending_roles && u.pending_roles.length > 0 && (
                      <span class="muted small"> ({t('users.pendingRoles', { roles: u.pending_roles.map(roleLabel).join(', ') })})</span>
                    )}
                  </td>
                  <td data-label={t('users.status')}>
                    <span class={'tag ' + (u.active ? 'tag--ok' : 'tag--off')}>
                      {u.active ? t('users.statusActive') : t('users.statusInactive')}
                    </span>
                    {u.sign_in_blocked_until && (
                      <>
                        {' '}
                        <span class="tag tag--warn" data-blocked>
                          {t('users.blocked', { time: formatDateTime(u.sign_in_blocked_until) })}
                        </span>{' '}
                        <button
                          type="button"
                          class="button button--small"
                          aria-label={t('users.unlockOne', { name: u.username })}
                          onClick={() => unlock(u)}
                        >
                          {t('users.unlock')}
                        </button>
                      </>
                    )}
                  </td>
                  <td data-label={t('users.lastLogin')}>
                    {u.last_login_at ? formatDateTime(u.last_login_at) : t('users.never')}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button button--small"
                      aria-label={t('users.editOne', { name: u.username })}
                      onClick={() => {
                        setMessage(null);
                        setForm({ mode: 'edit', user: u });
                      }}
                    >
                      {t('common.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <button type="button" class="button" onClick={more} disabled={loadingMore}>
            {loadingMore ? t('common.loading') : t('common.loadMore')}
          </button>
        )}
        {error instanceof ApiError && error.status === 0 && (
          <button type="button" class="button" onClick={() => setReload((r) => r + 1)}>
            {t('common.retry')}
          </button>
        )}
      </div>
    </section>
  );
}

/** Case-role requests the signed-in user may decide (never their own, never for themselves). */
function PendingGrants({ reload, onDecided }: { reload: number; onDecided: (u: User, approved: boolean) => void }) {
  const [grants, setGrants] = useState<RoleGrant[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [again, setAgain] = useState(0);
  useEffect(() => {
    api
      .roleGrants()
      .then((p) => setGrants(p.items))
      .catch(setError);
  }, [reload, again]);
  if (grants.length === 0 && error == null) return null;
  const decide = async (g: RoleGrant, approve: boolean) => {
    try {
      const u = await api.decideGrant(g.id, approve);
      onDecided(u, approve);
      setAgain((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div class="panel" data-grants>
      <h2>{t('users.grants')}</h2>
      <p class="muted small">{t('users.grantsHint')}</p>
      {error != null && <Notice kind="error">{errorText(error)}</Notice>}
      <ul class="result-list">
        {grants.map((g) => (
          <li key={g.id} class="result">
            <span>
              {t('users.grantLine', {
                role: roleLabel(g.role),
                name: g.user.full_name + ' (' + g.user.username + ')',
                unit: g.user.unit_name,
                by: g.requested_by,
                time: formatDateTime(g.requested_at),
                reason: g.reason,
              })}
            </span>{' '}
            <button type="button" class="button button--small button--primary" onClick={() => decide(g, true)}>
              {t('users.approve')}
            </button>{' '}
            <button type="button" class="button button--small" onClick={() => decide(g, false)}>
              {t('users.reject')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const FIELDS = ['username', 'full_name', 'password', 'unit_id', 'roles', 'active'];

interface FormProps {
  initial: User | null;
  canGrantAdmin: boolean;
  onCancel: () => void;
  onSaved: (u: User, created: boolean) => void;
}

function UserForm({ initial, canGrantAdmin, onCancel, onSaved }: FormProps) {
  const editing = initial !== null;
  const [base, setBase] = useState<User | null>(initial);
  const [username, setUsername] = useState(initial?.username ?? '');
  const [fullName, setFullName] = useState(initial?.full_name ?? '');
  const [password, setPassword] = useState('');
  const [unit, setUnit] = useState<PickedUnit | null>(
    initial ? { id: initial.unit_id, name: initial.unit_name } : null,
  );
  const [roles, setRoles] = useState<Role[]>(initial?.roles ?? []);
  const [active, setActive] = useState(initial?.active ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloaded, setReloaded] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const take = (u: User) => {
    setBase(u);
    setFullName(u.full_name);
    setUnit({ id: u.unit_id, name: u.unit_name });
    setRoles(u.roles);
    setActive(u.active);
  };

  /** After a conflict: fetch the user as it is now. */
  const reload = async (u: User) => {
    try {
      const p = await api.users({ q: u.username, limit: 20 });
      const fresh = p.items.find((x) => x.id === u.id);
      if (fresh) take(fresh);
    } catch {
      // Keep the form as it is; the message already says what happened.
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setReloaded(false);
    try {
      if (base) {
        const body: Parameters<typeof api.updateUser>[1] = {
          version: base.version,
          full_name: fullName.trim(),
          roles,
          active,
        };
        if (unit && unit.id !== base.unit_id) body.unit_id = unit.id;
        if (password) body.password = password;
        onSaved(await api.updateUser(base.id, body), false);
      } else {
        if (!unit) {
          // The picker needs a choice from its list; say so here rather than send an empty id.
          throw new ApiError(400, 'invalid_argument', t('common.fixFields'), [
            { field: 'unit_id', message: t('users.pickUnit') },
          ]);
        }
        const u = await api.createUser({
          username: username.trim(),
          full_name: fullName.trim(),
          password,
          unit_id: unit.id,
          roles,
        });
        onSaved(u, true);
      }
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409 && base) {
        setReloaded(true);
        await reload(base);
      }
      // Bring the first marked field into view for keyboard and screen-reader users.
      setTimeout(() => {
        const bad = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        (bad ?? headingRef.current)?.focus();
      });
    } finally {
      setBusy(false);
    }
  };

  const fe = (f: string) => fieldError(error, f);
  const general = generalError(error, FIELDS);
  const roleChoices = ALL_ROLES.filter((r) => canGrantAdmin || r !== 'admin' || roles.includes('admin'));
  const title = editing ? t('users.editTitle', { name: initial!.username }) : t('users.createTitle');

  return (
    <form ref={formRef} class="panel form" onSubmit={submit} noValidate aria-labelledby="user-form-title">
      <h2 id="user-form-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {general && (
        <Notice kind="error">
          <p>{general}</p>
          {reloaded && <p>{t('common.reloaded')}</p>}
        </Notice>
      )}
      <div class="form-grid">
        {!editing && (
          <Field id="user-username" label={t('users.username')} required error={fe('username')}>
            <input
              id="user-username"
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              value={username}
              aria-invalid={fe('username') ? true : undefined}
              aria-describedby={describedBy('user-username', undefined, fe('username'))}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </Field>
        )}
        <Field id="user-fullname" label={t('users.fullName')} required error={fe('full_name')}>
          <input
            id="user-fullname"
            autocomplete="off"
            value={fullName}
            aria-invalid={fe('full_name') ? true : undefined}
            aria-describedby={describedBy('user-fullname', undefined, fe('full_name'))}
            onInput={(e) => setFullName(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="user-password"
          label={editing ? t('users.resetPassword') : t('users.password')}
          required={!editing}
          error={fe('password')}
        >
          <input
            id="user-password"
            type="password"
            autocomplete="new-password"
            value={password}
            aria-invalid={fe('password') ? true : undefined}
            aria-describedby={describedBy('user-password', undefined, fe('password'))}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <UnitPicker id="user-unit" label={t('users.unit')} required value={unit} onChange={setUnit} error={fe('unit_id')} />
      </div>
      <fieldset
        class={'fieldset' + (fe('roles') ? ' field--error' : '')}
        aria-describedby={fe('roles') ? 'user-roles-error' : undefined}
      >
        <legend>{t('users.roles')}</legend>
        {fe('roles') && (
          <p class="field__error" id="user-roles-error" data-field-error>
            {fe('roles')}
          </p>
        )}
        <div class="checkbox-grid">
          {roleChoices.map((r) => (
            <label class="checkbox" key={r}>
              <input
                type="checkbox"
                name="roles"
                value={r}
                checked={roles.includes(r)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setRoles((prev) => (on ? [...prev.filter((x) => x !== r), r] : prev.filter((x) => x !== r)));
                }}
              />
              {roleLabel(r)}
            </label>
          ))}
        </div>
      </fieldset>
      {editing && (
        <div class={'field' + (fe('active') ? ' field--error' : '')}>
          {fe('active') && (
            <p class="field__error" id="user-active-error" data-field-error>
              {fe('active')}
            </p>
          )}
          <label class="checkbox">
            <input
              type="checkbox"
              checked={active}
              aria-describedby={fe('active') ? 'user-active-error' : undefined}
              onChange={(e) => setActive(e.currentTarget.checked)}
            />
            {t('users.active')}
          </label>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : editing ? t('common.save') : t('users.new')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
