// The app shell: language and session at the root, the header, and the page of the current hash route.
import { useEffect } from 'preact/hooks';
import type { Role } from '../../shared/api/contract';
import { canCollect, canSeeResults, Header } from './components/Header';
import { Loading } from './components/Loading';
import { LangContext, useLangState } from './lib/use-lang';
import { href, useRoute } from './lib/use-route';
import { useSession } from './lib/use-session';
import type { Session } from './lib/storage';
import { CollectPage } from './pages/Collect';
import { HouseholdPage } from './pages/Household';
import { LoginPage } from './pages/Login';
import { ResultsPage } from './pages/Results';
import { lazyPage } from './lib/lazy-page';

// Self-report links (issue 5): both pages are separate chunks, loaded when opened.
const SelfPage = lazyPage(() => import('./pages/Self').then((m) => m.default));
const LinksPage = lazyPage(() => import('./pages/Links').then((m) => m.default));

/** Collectors land on Collect, officials and admins on Results. */
export function homeOf(role: Role): string {
  return role === 'collector' ? 'collect' : 'results';
}

export function App() {
  const langValue = useLangState();
  const [session, setSession] = useSession();
  const route = useRoute();
  // A household's link (#/s/<token>) needs no account, and never uses a session this device may hold.
  if (route[0] === 's' && route[1]) {
    return (
      <LangContext.Provider value={langValue}>
        <Header session={null} page="s" onLogout={() => {}} />
        <main class="page" id="main">
          <SelfPage token={route[1]} />
        </main>
      </LangContext.Provider>
    );
  }
  return (
    <LangContext.Provider value={langValue}>
      <Header session={session} page={route[0]} onLogout={() => setSession(null)} />
      <main class="page" id="main">
        {session ? <Routes session={session} route={route} /> : <LoginPage onLogin={setSession} />}
      </main>
    </LangContext.Provider>
  );
}

function Routes({ session, route }: { session: Session; route: string[] }) {
  const { role } = session.user;
  const [page, village, responseId] = route;
  if (page === 'collect' && canCollect(role)) {
    if (village && responseId) return <HouseholdPage key={`${village}/${responseId}`} villageCode={village} responseId={responseId === 'new' ? undefined : responseId} />;
    return <CollectPage session={session} villageCode={village} />;
  }
  if (page === 'results' && canSeeResults(role)) return <ResultsPage />;
  if (page === 'links' && canCollect(role)) return <LinksPage session={session} villageCode={village} />;
  return <Redirect to={homeOf(role)} />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => location.replace(href(to)), [to]);
  return <Loading />;
}
