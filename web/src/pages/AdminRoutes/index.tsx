// The admins' pages (roster import, users' areas, area sets, rounds and their indicator lists, questionnaires): routed here, in a
// chunk of its own, so that a collector's first download carries none of their routing. Each page is a chunk too.
import { LazyPage } from '../../components/LazyPage';
import type { Route } from '../../lib/platform/use-route';

export default function AdminRoutes({ route }: { route: Route }) {
  if (route.name === 'roster') return <LazyPage key="roster" load={loadRoster} props={{}} />;
  if (route.name === 'users') return <LazyPage key="users" load={loadUsers} props={{}} />;
  if (route.name === 'areaSets') return <LazyPage key="area-sets" load={loadAreaSets} props={{}} />;
  if (route.name === 'rounds') {
    return <LazyPage key={`rounds/${route.params.roundId ?? ''}`} load={loadRounds} props={{ roundId: route.params.roundId }} />;
  }
  if (route.name === 'surveyPreview') {
    const { surveyId, version } = route.params;
    return <LazyPage key={`preview/${surveyId}/${version}`} load={loadSurveyPreview} props={{ surveyId, version }} />;
  }
  return <LazyPage key="surveys" load={loadSurveys} props={{}} />;
}

const loadRoster = () => import('../Roster').then((m) => m.RosterPage);
/** An admin moves a user's areas to a newer area set. */
const loadUsers = () => import('../Users').then((m) => m.default);
const loadAreaSets = () => import('../AreaSets').then((m) => m.default);
/** The rounds (with each round's indicator list) and questionnaires (upload, preview, publish, workbook download). */
const loadRounds = () => import('../Rounds').then((m) => m.default);
const loadSurveys = () => import('../Surveys').then((m) => m.default);
const loadSurveyPreview = () => import('../Surveys/preview').then((m) => m.default);
