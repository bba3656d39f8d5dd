// The reference data a collector's page starts from: the open round and the areas the user records in, in the
// round's area set (cached for offline use).
// Shows loading, a failure with retry, or "no open round"; with several open rounds, a choice between them
// (kept on the device); otherwise renders the page with the round.

import type { Area } from '@shared/areas/areas';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatReferenceDate } from '../../lib/platform/format';
import { getRounds, getWorkAreas } from '../../lib/platform/reference';
import { openRound, openRounds, type RoundView } from '../../lib/platform/rounds';
import { loadSession, saveRoundChoice } from '../../lib/platform/storage';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { LoadFailed, Loading } from '../Loading';
import { Notice } from '../Notice';

export function OpenRound({ children }: { children: (round: RoundView, areas: Area[]) => ComponentChildren }) {
  const { t } = useLang();
  const [chosen, setChosen] = useState<string | null>(null);
  const reference = useAsync(async () => {
    const rounds = await getRounds();
    return [rounds, await getWorkAreas(loadSession()?.user, openRound(rounds, new Date())?.areaSetId)] as const;
  }, [chosen]);
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [rounds, areas] = reference.data;
  const now = new Date();
  const round = openRound(rounds, now);
  if (!round) return <Notice kind="warning">{t('ui.round.none_open')}</Notice>;
  const open = openRounds(rounds, now);
  const choose = (id: string) => {
    saveRoundChoice(id);
    setChosen(id);
  };
  return (
    <>
      {open.length > 1 && (
        <div class="field">
          <label for="round">{t('ui.round.choose')}</label>
          <select id="round" data-testid="round-select" value={round.id} onChange={(event) => choose(event.currentTarget.value)}>
            {open.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({t('ui.round.ends', { date: formatReferenceDate(new Date(Date.parse(r.closesAt) - 1).toISOString()) })})
              </option>
            ))}
          </select>
        </div>
      )}
      {children(round, areas)}
    </>
  );
}
