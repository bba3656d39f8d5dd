// One household's form: a new one (fresh UUID) or one kept on the phone or read from the server. The
// phone's copy comes first: it may hold a draft, an offline edit, a rejection or a conflict. A household kept
// on the phone stays in its own round (its outbox entry names it); a new one goes to the round chosen on the
// Collect page. Its own chunk: the questionnaire engine and its messages load with the first form opened.
import { registerMessages } from '@shared/i18n/dictionary';
import { QUESTIONNAIRE_MESSAGES } from '@shared/questionnaire';
import { useState } from 'preact/hooks';
import { HouseholdForm } from '../../components/HouseholdForm';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { loadDefinition } from '../../lib/household-form';
import { loadHousehold, loadResponse, rememberStored } from '../../lib/outbox';
import { newResponseId } from '../../lib/platform/ids';
import { getRounds, getWorkAreas } from '../../lib/platform/reference';
import { openRound, surveyOf } from '../../lib/platform/rounds';
import { loadSession } from '../../lib/platform/storage';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';

// The engine's own keys (e.g. a repeated choice); a rule's message comes with the definition itself.
registerMessages(QUESTIONNAIRE_MESSAGES as unknown as Parameters<typeof registerMessages>[0]);

export default function HouseholdPage({ villageCode, responseId }: { villageCode: string; responseId?: string }) {
  const { t } = useLang();
  // Made once per visit of the page: the draft and every retried upload reuse it.
  const [id] = useState(() => responseId ?? newResponseId());
  const loaded = useAsync(async () => {
    const rounds = await getRounds();
    let record = responseId ? await loadHousehold(responseId) : undefined;
    if (responseId && !record) record = await rememberStored(await loadResponse(responseId));
    const roundId = record?.roundId;
    const round = roundId ? rounds.find((r) => r.id === roundId) : openRound(rounds, new Date());
    if (!round) return { village: undefined, record, round: undefined, definition: undefined };
    const { surveyId, version } = surveyOf(round);
    const [definition, areas] = await Promise.all([loadDefinition(surveyId, version), getWorkAreas(loadSession()?.user, round.areaSetId)]);
    return { round, definition, village: areas.find((a) => a.code === villageCode && a.level === 'village'), record };
  }, [villageCode, responseId]);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const { round, definition, village, record } = loaded.data;
  if (!round || !definition) return <Notice kind="warning">{t('ui.round.none_open')}</Notice>;
  if (!village) return <Notice kind="error">{t('error.not_found')}</Notice>;
  return <HouseholdForm key={id} id={id} round={round} definition={definition} village={village} record={record} />;
}
