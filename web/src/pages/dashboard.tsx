// Overview page. The real dashboard (plan progress, report completeness, targets) comes later;
// for now it greets the user and offers shortcuts to the modules that work.
import { PageHeader, useTitle } from '../components/common';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { href } from '../router';
import { canManageUsers, isAdmin, useSession } from '../session';

export function DashboardPage() {
  const { user } = useSession();
  useTitle(t('dash.title'));
  return (
    <section class="page">
      <PageHeader title={t('dash.title')} />
      <div class="cards">
        <div class="panel">
          <h2>{t('dash.welcome', { name: user.full_name || user.username })}</h2>
          <dl class="facts">
            <dt>{t('dash.unit')}</dt>
            <dd>{user.unit_name}</dd>
            <dt>{t('dash.roles')}</dt>
            <dd>{user.roles.map((r) => t(('role.' + r) as MessageKey)).join(', ') || t('common.dash')}</dd>
            {user.last_login_at && (
              <>
                <dt>{t('dash.lastLogin')}</dt>
                <dd>{formatDateTime(user.last_login_at)}</dd>
              </>
            )}
          </dl>
        </div>
        <div class="panel">
          <h2>{t('dash.shortcuts')}</h2>
          <ul class="link-list">
            <li>
              <a href={href(['units'])}>{t('dash.goUnits')}</a>
            </li>
            {canManageUsers(user) && (
              <li>
                <a href={href(['users'])}>{t('dash.goUsers')}</a>
              </li>
            )}
            {isAdmin(user) && (
              <li>
                <a href={href(['audit'])}>{t('dash.goAudit')}</a>
              </li>
            )}
          </ul>
        </div>
      </div>
      <div class="panel panel--wip">
        <h2>{t('wip.title')}</h2>
        <p>{t('dash.soon')}</p>
      </div>
    </section>
  );
}
