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
import { LazyPage } from './components/LazyPage';

/** Collectors land on Collect, officials and admins on Results. */
export function homeOf(role: Role): string {
  return role === 'collector' ? 'collect' : 'results';
}

export function App() {
  const langValue = useLangState();
  const [session, setSession] = useSession();
  const route = useRoute();
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
  // Officials' and admins' pages load on demand, in their own chunks (the collector's start stays small).
  if (page === 'results' && canSeeResults(role)) return <LazyPage key="results" load={() => import('./pages/Results').then((m) => m.ResultsPage)} props={{}} />;
  if (page === 'report' && village && canSeeResults(role)) {
    return <LazyPage key={route.join('/')} load={() => import('./pages/WardReport').then((m) => m.WardReportPage)} props={{ wardCode: village, roundId: responseId }} />;
  }
  if (page === 'roster' && role === 'admin') return <LazyPage key="roster" load={() => import('./pages/Roster').then((m) => m.RosterPage)} props={{}} />;
  return <Redirect to={homeOf(role)} />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => location.replace(href(to)), [to]);
  return <Loading />;
}
