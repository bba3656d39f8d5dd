// The top bar: app name, language switch; for a signed-in user who they are and sign-out, and for officials and
// admins the pages they move between (results, review; collection too for admins).
import type { Role } from '@shared/api/contract';
import type { Session } from '../../lib/platform/storage';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';
import { LanguageSwitch } from '../LanguageSwitch';

export function canCollect(role: Role): boolean {
  return role === 'collector' || role === 'admin';
}

export function canSeeResults(role: Role): boolean {
  return role === 'official' || role === 'admin';
}

export function Header({ session, page, onLogout }: { session: Session | null; page: string | undefined; onLogout: () => void }) {
  const { t } = useLang();
  const role = session?.user.role;
  return (
    <header class="topbar">
      <div class="topbar-row">
        <a class="brand" href="#/">
          {t('ui.app.name')}
        </a>
        <LanguageSwitch />
      </div>
      {session && role && (
        <div class="topbar-row topbar-user">
          <span class="user-badge" data-testid="user-badge">
            {session.user.username} · {t(`ui.role.${role}`)}
          </span>
          <button type="button" class="link-button" data-testid="logout" onClick={onLogout}>
            {t('ui.nav.logout')}
          </button>
        </div>
      )}
      {role && canSeeResults(role) && (
        <nav aria-label={t('ui.nav.label')} class="topbar-row nav">
          {canCollect(role) && (
            <a href={href('collect')} aria-current={page === 'collect' ? 'page' : undefined} data-testid="nav-collect">
              {t('ui.nav.collect')}
            </a>
          )}
          <a href={href('results')} aria-current={page === 'results' ? 'page' : undefined} data-testid="nav-results">
            {t('ui.nav.results')}
          </a>
          <a href={href('review')} aria-current={page === 'review' ? 'page' : undefined} data-testid="nav-review">
            {t('ui.nav.review')}
          </a>
          {role === 'admin' && (
            <a href={href('roster')} aria-current={page === 'roster' ? 'page' : undefined} data-testid="nav-roster">
              {t('ui.nav.roster')}
            </a>
          )}
          {role === 'admin' && (
            <a href={href('rounds')} aria-current={page === 'rounds' ? 'page' : undefined} data-testid="nav-rounds">
              {t('ui.nav.rounds')}
            </a>
          )}
          {role === 'admin' && (
            <a href={href('surveys')} aria-current={page?.startsWith('survey') ? 'page' : undefined} data-testid="nav-surveys">
              {t('ui.nav.surveys')}
            </a>
          )}
        </nav>
      )}
    </header>
  );
}
