// The application: restores the session (GET /me), shows the sign-in page or the shell with
// the header, the module navigation and the current page.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, setCsrfToken, setUnauthenticatedHandler, type Session, type User } from './api';
import { LanguageSwitch } from './components/language-switch';
import { Notice, PageHeader } from './components/common';
import { t, useLang, type MessageKey } from './i18n';
import { AccountPage, NOTIFICATIONS_CHANGED } from './pages/account';
import { AuditPage } from './pages/audit';
import { CaseApprovalsPage } from './pages/case-approvals';
import { CaseEmergencyPage } from './pages/case-emergency';
import { CaseStatisticsPage } from './pages/case-statistics';
import { CasesPage } from './pages/cases';
import { HelpPage } from './pages/help';
import { ImportsPage } from './pages/imports';
import { LoginPage } from './pages/login';
import { MapPage } from './pages/map';
import { OverviewPage } from './pages/overview';
import { PivotPage } from './pages/pivot';
import { PlansModule } from './pages/plans';
import { ReportsPage } from './pages/reports';
import { ServicesAdminPage } from './pages/services-admin';
import { TasksPage } from './pages/tasks';
import { UnitsPage } from './pages/units';
import { UsersPage } from './pages/users';
import { ApiReferencePage } from './pages/api-reference';
import { href, useRoute, type Route } from './router';
import { canManageProviders, canManageUsers, isAdmin, isCaseStaff, isCaseSupervisor, SessionContext } from './session';

type State = { kind: 'loading' } | { kind: 'anon'; notice: string | null } | { kind: 'in'; user: User };

export function App() {
  useLang();
  const route = useRoute();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({ kind: 'anon', notice: t('login.sessionEnded') });
    });
    api
      .me()
      .then((s) => {
        setCsrfToken(s.csrf_token);
        setState({ kind: 'in', user: s.user });
      })
      .catch(() => setState({ kind: 'anon', notice: null }));
    return () => setUnauthenticatedHandler(null);
  }, []);

  const onLogin = useCallback((s: Session) => {
    setCsrfToken(s.csrf_token);
    setState({ kind: 'in', user: s.user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session is gone either way; show the sign-in page.
    }
    setCsrfToken(null);
    setState({ kind: 'anon', notice: t('login.loggedOut') });
  }, []);

  const setUser = useCallback((user: User) => setState({ kind: 'in', user }), []);

  // The public help page answers without a session, whatever the session's state.
  if (route.segments[0] === 'tro-giup') return <HelpPage />;
  if (route.segments[0] === 'tai-lieu-api') return <ApiReferencePage />;
  if (state.kind === 'loading') {
    return (
      <p class="boot" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (state.kind === 'anon') return <LoginPage onLogin={onLogin} notice={state.notice} />;
  return (
    <SessionContext.Provider value={{ user: state.user, setUser, logout }}>
      <Shell user={state.user} onLogout={logout} />
    </SessionContext.Provider>
  );
}

interface NavItem {
  /** The first segment of the route, or the whole path ("vu-viec/phe-duyet"). */
  route: string;
  label: MessageKey;
  visible: (u: User) => boolean;
}

const NAV: NavItem[] = [
  { route: 'tong-quan', label: 'nav.dashboard', visible: () => true },
  { route: 'phan-tich', label: 'nav.pivot', visible: () => true },
  { route: 'ban-do', label: 'nav.map', visible: () => true },
  { route: 'plans', label: 'nav.plans', visible: () => true },
  { route: 'tasks', label: 'nav.tasks', visible: () => true },
  { route: 'reports', label: 'nav.reports', visible: () => true },
  { route: 'units', label: 'nav.units', visible: () => true },
  { route: 'cases', label: 'nav.cases', visible: isCaseStaff },
  { route: 'vu-viec/phe-duyet', label: 'nav.caseApprovals', visible: isCaseSupervisor },
  { route: 'vu-viec/truy-cap-khan', label: 'nav.caseEmergency', visible: isCaseSupervisor },
  { route: 'vu-viec/thong-ke', label: 'nav.caseStatistics', visible: () => true },
  { route: 'dich-vu/quan-ly', label: 'nav.servicesAdmin', visible: canManageProviders },
  { route: 'users', label: 'nav.users', visible: canManageUsers },
  { route: 'nhap-du-lieu', label: 'nav.imports', visible: canManageUsers },
  { route: 'audit', label: 'nav.audit', visible: isAdmin },
  { route: 'account', label: 'nav.account', visible: () => true },
];

function Shell({ user, onLogout }: { user: User; onLogout: () => void }) {
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const first = useRef(true);
  const section = route.segments[0] || 'tong-quan';
  const current = (r: string) =>
    r.includes('/') ? route.segments.slice(0, 2).join('/') === r : section === r || (r === 'tong-quan' && section === 'dashboard');
  const unread = useUnreadNotifications();

  // On navigation: close the mobile menu and move focus to the new page's title.
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    const h = document.getElementById('page-title');
    if (h && !document.activeElement?.closest('main')) h.focus({ preventScroll: false });
  }, [section, route.segments[1]]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        document.getElementById('menu-button')?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const skip = (e: Event) => {
    e.preventDefault();
    (document.getElementById('page-title') ?? document.getElementById('main'))?.focus();
  };

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skip}>
        {t('app.skip')}
      </a>
      <header class="topbar">
        <button
          type="button"
          id="menu-button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span class="menu-button__icon" aria-hidden="true" />
          {t('nav.menu')}
          {unread > 0 && (
            <span class="badge badge--menu" data-unread>
              {unread}
              <span class="visually-hidden"> {t('account.unreadCount', { n: String(unread) })}</span>
            </span>
          )}
        </button>
        <a class="brand" href={href(['tong-quan'])}>
          <span class="brand__name">binhdang</span>
          <span class="brand__sep"> — </span>
          <span class="brand__sub">Bình đẳng giới</span>
        </a>
        <div class="topbar__right">
          <a class="account" href={href(['account'])} aria-label={t('header.account')}>
            <span class="account__name">
              {user.full_name || user.username}
              {unread > 0 && (
                <span class="badge" data-unread title={t('account.unreadCount', { n: String(unread) })}>
                  {unread}
                  <span class="visually-hidden"> {t('account.unreadCount', { n: String(unread) })}</span>
                </span>
              )}
            </span>
            <span class="account__unit">{user.unit_name}</span>
          </a>
          <LanguageSwitch />
          <button type="button" class="button button--header logout-button" onClick={onLogout}>
            {t('header.logout')}
          </button>
        </div>
      </header>
      <div class="layout">
        <nav id="main-nav" class={'nav' + (menuOpen ? ' is-open' : '')} aria-label={t('nav.label')}>
          <div class="nav__account">
            <span class="account__name">{user.full_name || user.username}</span>
            <span class="account__unit">{user.unit_name}</span>
          </div>
          <ul>
            {NAV.filter((n) => n.visible(user)).map((n) => (
              <li key={n.route}>
                <a
                  href={href(n.route.split('/'))}
                  aria-current={current(n.route) ? 'page' : undefined}
                  onClick={() => setMenuOpen(false)}
                >
                  {t(n.label)}
                  {n.route === 'account' && unread > 0 && (
                    <span class="badge" aria-hidden="true">
                      {unread}
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
          <button type="button" class="button nav__logout" onClick={onLogout}>
            {t('header.logout')}
          </button>
        </nav>
        <main id="main" class="main" tabIndex={-1}>
          {user.must_change_password && section !== 'account' && (
            <Notice kind="info">
              {t('account.mustChange')} <a href={href(['account'])}>{t('account.changePassword')}</a>
            </Notice>
          )}
          <Page section={section} user={user} route={route} />
        </main>
      </div>
    </div>
  );
}

function Page({ section, user, route }: { section: string; user: User; route: Route }) {
  switch (section) {
    case 'tong-quan':
    case 'dashboard':
      return <OverviewPage route={route} />;
    case 'phan-tich':
      return <PivotPage route={route} />;
    case 'ban-do':
      return <MapPage route={route} />;
    case 'plans':
      return <PlansModule />;
    case 'tasks':
      return <TasksPage />;
    case 'reports':
      return <ReportsPage route={route} />;
    case 'units':
      return <UnitsPage />;
    case 'cases':
      return isCaseStaff(user) ? <CasesPage route={route} /> : <Forbidden message={t('cases.forbidden')} />;
    case 'vu-viec':
      return <CaseSection sub={route.segments[1] ?? ''} user={user} route={route} />;
    case 'dich-vu':
      if (route.segments[1] !== 'quan-ly') return <NotFound />;
      return canManageProviders(user) ? <ServicesAdminPage /> : <Forbidden message={t('dir.forbidden')} />;
    case 'users':
      return canManageUsers(user) ? <UsersPage /> : <Forbidden message={t('users.forbidden')} />;
    case 'nhap-du-lieu':
      return canManageUsers(user) ? <ImportsPage /> : <Forbidden message={t('imports.forbidden')} />;
    case 'audit':
      return isAdmin(user) ? <AuditPage /> : <Forbidden message={t('audit.forbidden')} />;
    case 'account':
      return <AccountPage />;
    default:
      return <NotFound />;
  }
}

/** #/vu-viec/…: the case module's pages for supervisors and the anonymised statistics. */
function CaseSection({ sub, user, route }: { sub: string; user: User; route: Route }) {
  switch (sub) {
    case 'phe-duyet':
      return isCaseSupervisor(user) ? <CaseApprovalsPage /> : <Forbidden message={t('approvals.forbidden')} />;
    case 'truy-cap-khan':
      return isCaseSupervisor(user) ? <CaseEmergencyPage /> : <Forbidden message={t('emergency.forbidden')} />;
    case 'thong-ke':
      return <CaseStatisticsPage route={route} />;
    case '':
      return isCaseStaff(user) ? <CasesPage route={{ ...route, segments: ['cases'] }} /> : <Forbidden message={t('cases.forbidden')} />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <Simple title={t('common.notFound')}>
      <p>
        <a href={href(['tong-quan'])}>{t('nav.dashboard')}</a>
      </p>
    </Simple>
  );
}

/** Unread notifications, asked every minute and whenever the account page changes them. */
function useUnreadNotifications(): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api
        .notifications()
        .then((n) => alive && setUnread(n.unread))
        .catch(() => undefined);
    load();
    const timer = setInterval(load, 60_000);
    const onChange = (e: Event) => setUnread((e as CustomEvent<number>).detail);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChange);
    };
  }, []);
  return unread;
}

function Forbidden({ message }: { message: string }) {
  return (
    <Simple title={t('common.forbidden')}>
      <Notice kind="error">{message}</Notice>
    </Simple>
  );
}

function Simple({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = title + ' — binhdang';
  }, [title]);
  return (
    <section class="page">
      <PageHeader title={title} />
      {children}
    </section>
  );
}
