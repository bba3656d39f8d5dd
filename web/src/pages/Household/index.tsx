// One household's form: a new one (fresh UUID) or an existing one loaded for editing.
import { useState } from 'preact/hooks';
import { HouseholdForm } from '../../components/HouseholdForm';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { newResponseId } from '../../lib/ids';
import { getAreas, getRounds } from '../../lib/reference';
import { loadResponse } from '../../lib/responses';
import { openRound } from '../../lib/rounds';
import { useAsync } from '../../lib/use-async';
import { useLang } from '../../lib/use-lang';

export function HouseholdPage({ villageCode, responseId }: { villageCode: string; responseId?: string }) {
  const { t } = useLang();
  // Made once per visit of the page: a retried save of the same new household reuses it.
  const [id] = useState(() => responseId ?? newResponseId());
  const loaded = useAsync(async () => {
    const [rounds, areas, stored] = await Promise.all([getRounds(), getAreas(), responseId ? loadResponse(responseId) : undefined]);
    return { round: openRound(rounds, new Date()), village: areas.find((a) => a.code === villageCode && a.level === 'village'), stored };
  }, [villageCode, responseId]);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const { round, village, stored } = loaded.data;
  if (!round) return <Notice kind="warning">{t('ui.round.none_open')}</Notice>;
  if (!village) return <Notice kind="error">{t('error.not_found')}</Notice>;
  return <HouseholdForm key={id} id={id} round={round} village={village} stored={stored} />;
}
