// One household's form: a new one (fresh UUID) or one kept on the phone or read from the server. The
// phone's copy comes first: it may hold a draft, an offline edit, a rejection or a conflict.
import { useState } from 'preact/hooks';
import { HouseholdForm } from '../../components/HouseholdForm';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { loadHousehold, loadResponse, rememberStored } from '../../lib/outbox';
import { newResponseId } from '../../lib/platform/ids';
import { getAreas, getRounds } from '../../lib/platform/reference';
import { openRound } from '../../lib/platform/rounds';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';

export function HouseholdPage({ villageCode, responseId }: { villageCode: string; responseId?: string }) {
  const { t } = useLang();
  // Made once per visit of the page: the draft and every retried upload reuse it.
  const [id] = useState(() => responseId ?? newResponseId());
  const loaded = useAsync(async () => {
    const [rounds, areas] = await Promise.all([getRounds(), getAreas()]);
    let record = responseId ? await loadHousehold(responseId) : undefined;
    if (responseId && !record) record = await rememberStored(await loadResponse(responseId));
    return { round: openRound(rounds, new Date()), village: areas.find((a) => a.code === villageCode && a.level === 'village'), record };
  }, [villageCode, responseId]);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const { round, village, record } = loaded.data;
  if (!round) return <Notice kind="warning">{t('ui.round.none_open')}</Notice>;
  if (!village) return <Notice kind="error">{t('error.not_found')}</Notice>;
  return <HouseholdForm key={id} id={id} round={round} village={village} record={record} />;
}
