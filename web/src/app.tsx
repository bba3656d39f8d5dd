// The app shell: language and session at the root, the header, and the page of the current hash route.

import type { Role } from '@shared/api/contract';
import { useEffect } from 'preact/hooks';
import { AppStatus } from './components/AppStatus';
import { canCollect, canSeeResults, Header } from './components/Header';
import { LazyPage } from './components/LazyPage';
import { Loading } from './components/Loading';
import { startAutoSync, syncNow, useOutboxCounts } from './lib/outbox';
import type { Session } from './lib/platform/storage';
import { LangContext, useLangState } from './lib/platform/use-lang';
import { href, type Route, useRoute } from './lib/platform/use-route';
import { useSession } from './lib/platform/use-session';
import { CollectPage } from './pages/Collect';

/** Collectors land on Collect, officials and admins on Results. */
export function homeOf(role: Role): string {
  return role === 'collector' ? 'collect' : 'results';
}

export function App() {
  const langValue = useLangState();
  const [session, setSession] = useSession();
  const route = useRoute();
  const owner = session?.user.username;
  const outbox = useOutboxCounts(owner);
  useEffect(() => {
    if (!owner) return;
    startAutoSync();
    void syncNow(true);
  }, [owner]);
  // Households not yet on the server stay on the phone for this account: say so before signing out.
  const logout = () => {
    if (outbox.unsent > 0 && !confirm(langValue.t('ui.outbox.logout_warning', { count: outbox.unsent }))) return;
    setSession(null);
  };
  // A household's link (#/s/<token>), short code (#/s/<code>) or code entry page (#/s) needs no account, and never
  // uses a session this device may hold.
  if (route.name === 'self') {
    return (
      <LangContext.Provider value={langValue}>
        <Header session={null} page="s" onLogout={() => {}} />
        <main class="page" id="main">
          <LazyPage key={route.params.token ?? ''} load={loadSelf} props={{ token: route.params.token }} />
        </main>
      </LangContext.Provider>
    );
  }
  return (
    <LangContext.Provider value={langValue}>
      <Header session={session} page={route.name === 'household' ? 'collect' : route.name} onLogout={logout} />
      <main class="page" id="main">
        <AppStatus collecting={Boolean(session && canCollect(session.user.role))} unsent={outbox.unsent} />
        {session ? <Routes session={session} route={route} /> : <LazyPage key="login" load={loadLogin} props={{ onLogin: setSession }} />}
      </main>
    </LangContext.Provider>
  );
}

function Routes({ session, route }: { session: Session; route: Route }) {
  const { role } = session.user;
  if (route.name === 'household' && canCollect(role)) {
    const { villageCode, responseId } = route.params;
    return (
      <LazyPage key={`${villageCode}/${responseId}`} load={loadHousehold} props={{ villageCode, responseId: responseId === 'new' ? undefined : responseId }} />
    );
  }
  if (route.name === 'collect' && canCollect(role)) return <CollectPage session={session} villageCode={route.params.villageCode} />;
  if (route.name === 'results' && canSeeResults(role)) return <LazyPage key="results" load={loadResults} props={{}} />;
  if (route.name === 'report' && canSeeResults(role)) {
    const { wardCode, roundId } = route.params;
    return <LazyPage key={`report/${wardCode}/${roundId}`} load={loadWardReport} props={{ wardCode, roundId }} />;
  }
  if (route.name === 'review' && canSeeResults(role)) {
    return <LazyPage key={`review/${route.params.wardCode ?? ''}`} load={loadReview} props={{ wardCode: route.params.wardCode }} />;
  }
  if (role === 'admin' && ADMIN_PAGES.includes(route.name)) return <LazyPage key="admin" load={loadAdmin} props={{ route }} />;
  if (route.name === 'links' && canCollect(role))
    return <LazyPage key={route.params.villageCode ?? ''} load={loadLinks} props={{ session, villageCode: route.params.villageCode }} />;
  return <Redirect to={homeOf(role)} />;
}

/** The household form and the questionnaire engine: loaded with the first form opened (precached for offline). */
// Signing in happens once a day on a phone that then works offline: the page (with the MFA step) is a chunk of its
// own, precached like the others.
const loadLogin = () => import('./pages/Login').then((m) => m.LoginPage);
const loadHousehold = () => import('./pages/Household').then((m) => m.default);
/** Officials' results (table, indicators, downloads) are not needed to collect: their own chunk. */
const loadResults = () => import('./pages/Results').then((m) => m.ResultsPage);
/** The printable ward report: its own chunk too. */
const loadWardReport = () => import('./pages/WardReport').then((m) => m.WardReportPage);
/** The admins' pages (roster, area sets, rounds, questionnaires): routed in a chunk of their own. */
const loadAdmin = () => import('./pages/AdminRoutes').then((m) => m.default);
const ADMIN_PAGES: Route['name'][] = ['roster', 'users', 'areaSets', 'rounds', 'surveys', 'surveyPreview'];
/** Officials' and admins' review of responses. */
const loadReview = () => import('./pages/Review').then((m) => m.ReviewPage);
// Self-report links: the household's form and the collector's link sheet.
const loadSelf = () => import('./pages/Self').then((m) => m.default);
const loadLinks = () => import('./pages/Links').then((m) => m.default);

/** Sends an unknown or forbidden route home, unless the user (or a link) moved on before the effect ran. */
function Redirect({ to }: { to: string }) {
  const from = location.hash;
  useEffect(() => {
    if (location.hash === from) location.replace(href(to));
  }, [to]);
  return <Loading />;
}
